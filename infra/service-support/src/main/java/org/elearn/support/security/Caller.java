package org.elearn.support.security;

import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;

/** What a validated token says about its bearer. */
public final class Caller {

    private Caller() {
    }

    public static boolean hasRole(Jwt jwt, Roles role) {
        List<String> roles = jwt.getClaimAsStringList(Roles.CLAIM);
        return roles != null && roles.contains(role.name());
    }

    /** The bearer's organization id, or null. */
    public static String organization(Jwt jwt) {
        return jwt.getClaimAsString(Roles.ORGANIZATION_CLAIM);
    }
}
