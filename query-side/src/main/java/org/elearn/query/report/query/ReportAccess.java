package org.elearn.query.report.query;

import java.util.UUID;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who may read an organization's learning report, the page, its export, streams and past states alike. */
public final class ReportAccess {

    private ReportAccess() {
    }

    /** Null for an administrator (every row); the caller's own id for a trainee. */
    public static UUID learningScope(UUID organizationId, Jwt caller) {
        Caller.requireAnyRole(caller, Roles.ORG_ADMIN, Roles.TRAINEE);
        if (Caller.hasRole(caller, Roles.ORG_ADMIN)) {
            Caller.requireAdministratorOf(organizationId, caller);
            return null;
        }
        return Caller.requireRoleIn(organizationId, Roles.TRAINEE, caller);
    }
}
