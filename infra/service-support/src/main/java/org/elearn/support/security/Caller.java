package org.elearn.support.security;

import java.util.List;
import java.util.UUID;
import org.elearn.support.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

/** What a validated token says about its bearer. */
public final class Caller {

    private Caller() {
    }

    public static boolean hasRole(Jwt jwt, Roles role) {
        List<String> roles = jwt.getClaimAsStringList(Roles.CLAIM);
        return roles != null && roles.contains(role.name());
    }

    /**
     * Lets through an administrator of this organization only. To an administrator of another
     * organization, the organization does not exist (404); anyone else is refused (403).
     */
    public static void requireAdministratorOf(UUID organizationId, Jwt jwt) {
        if (!hasRole(jwt, Roles.ORG_ADMIN)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only the organization's administrators may do this.");
        }
        if (!organizationId.toString().equals(organization(jwt))) {
            throw new ApiException(HttpStatus.NOT_FOUND, "organization-not-found", "No organization with this id.");
        }
    }

    /**
     * Lets through a member of this organization who has the role, and answers their user id. To
     * anyone outside the organization it does not exist (404); a member without the role is refused
     * (403).
     */
    public static UUID requireRoleIn(UUID organizationId, Roles role, Jwt jwt) {
        if (!organizationId.toString().equals(organization(jwt))) {
            throw new ApiException(HttpStatus.NOT_FOUND, "organization-not-found", "No organization with this id.");
        }
        if (!hasRole(jwt, role)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                    "This needs the " + role.name() + " role in the organization.");
        }
        return UUID.fromString(jwt.getSubject());
    }

    /** The bearer's organization id, or null. */
    public static String organization(Jwt jwt) {
        return jwt.getClaimAsString(Roles.ORGANIZATION_CLAIM);
    }
}
