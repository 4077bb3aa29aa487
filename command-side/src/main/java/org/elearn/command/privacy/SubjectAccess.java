package org.elearn.command.privacy;

import org.elearn.command.identity.AccountStore;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.elearn.command.CommandErrors;
import org.elearn.support.errors.DomainException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who may exercise a user's rights on their behalf: the user themself, an administrator of the
 * user's organization, or an operator. To an administrator of another organization the user does
 * not exist (404); anyone else is refused (403).
 */
public final class SubjectAccess {

    private SubjectAccess() {
    }

    /** Who asks, as their token says. */
    public record Requester(String userId, boolean operator, boolean orgAdmin, String organizationId) {
    }

    public static Requester requester(Jwt jwt) {
        return new Requester(jwt.getSubject(), Caller.hasRole(jwt, Roles.OPERATOR),
                Caller.hasRole(jwt, Roles.ORG_ADMIN), Caller.organization(jwt));
    }

    /** Lets the requester act on the account, or throws; {@code action} completes "may ... this user". */
    public static void authorize(AccountStore.AccountStatus account, Requester requester, String action) {
        if (requester.operator() || account.userId().toString().equals(requester.userId())) {
            return;
        }
        if (requester.orgAdmin()) {
            boolean sameOrganization = account.organizationId() != null
                    && account.organizationId().toString().equals(requester.organizationId());
            if (sameOrganization) {
                return;
            }
            throw unknownUser();
        }
        throw CommandErrors.FORBIDDEN.refusal(
                "Only the user, their organization's administrator or an operator may " + action + " this user.");
    }

    public static DomainException unknownUser() {
        return CommandErrors.USER_NOT_FOUND.refusal("No user with this id.");
    }
}
