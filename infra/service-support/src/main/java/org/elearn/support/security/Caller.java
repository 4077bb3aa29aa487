package org.elearn.support.security;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.support.errors.DomainException;
import org.elearn.support.errors.EdgeErrors;
import org.elearn.tenancy.Membership;
import org.elearn.tenancy.Roles;
import org.elearn.tenancy.Tenancy;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What a validated token says about its bearer, and the refusals of the tenancy rule
 * ({@link Tenancy}) as problem+json.
 */
public final class Caller {

    private Caller() {
    }

    /** The bearer's roles and organization, for the tenancy rule. */
    public static Membership membership(Jwt jwt) {
        return new Membership(jwt.getClaimAsStringList(Roles.CLAIM), organization(jwt));
    }

    public static boolean hasRole(Jwt jwt, Roles role) {
        return membership(jwt).hasRole(role);
    }

    /**
     * The refusal of a caller who has none of the roles that would be let through; it names them,
     * so the client knows what would be allowed. Every role refusal says it this way, whether the
     * security chain ({@link SecurityBaseline#anyRole}) or a handler refuses.
     */
    public static DomainException forbidden(Roles... allowed) {
        List<String> names = Arrays.stream(allowed).map(Roles::name).toList();
        String detail = names.size() == 1 ? "This needs the " + names.get(0) + " role."
                : "This needs one of these roles: " + String.join(", ", names) + ".";
        return EdgeErrors.FORBIDDEN.refusal(detail, Map.of("allowedRoles", names));
    }

    /** Refuses, as {@link #forbidden}, a caller who has none of these roles. */
    public static void requireAnyRole(Jwt jwt, Roles... allowed) {
        if (!membership(jwt).hasAnyRole(allowed)) {
            throw forbidden(allowed);
        }
    }

    /** Lets through a member of this organization, whatever their role; to anyone else it does not exist (404). */
    public static void requireMemberOf(UUID organizationId, Jwt jwt) {
        enforce(Tenancy.memberOf(organizationId, membership(jwt)), null);
    }

    /**
     * Lets through an administrator of this organization only. To an administrator of another
     * organization, the organization does not exist (404); anyone else is refused (403).
     */
    public static void requireAdministratorOf(UUID organizationId, Jwt jwt) {
        enforce(Tenancy.administratorOf(organizationId, membership(jwt)), Roles.ORG_ADMIN);
    }

    /**
     * Lets through a member of this organization who has the role, and answers their user id. To
     * anyone outside the organization it does not exist (404); a member without the role is refused
     * (403).
     */
    public static UUID requireRoleIn(UUID organizationId, Roles role, Jwt jwt) {
        enforce(Tenancy.roleIn(organizationId, role, membership(jwt)), role);
        return UUID.fromString(jwt.getSubject());
    }

    /** The bearer's organization id, or null. */
    public static String organization(Jwt jwt) {
        return jwt.getClaimAsString(Roles.ORGANIZATION_CLAIM);
    }

    /** Throws the refusal of a verdict; {@code role} is the one a {@code MISSING_ROLE} names. */
    private static void enforce(Tenancy.Verdict verdict, Roles role) {
        switch (verdict) {
            case ALLOWED -> { }
            case MISSING_ROLE -> throw forbidden(role);
            case OTHER_ORGANIZATION -> throw EdgeErrors.ORGANIZATION_NOT_FOUND.refusal("No organization with this id.");
        }
    }
}
