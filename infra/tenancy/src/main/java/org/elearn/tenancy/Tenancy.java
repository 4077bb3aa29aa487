package org.elearn.tenancy;

import java.util.UUID;

/**
 * The tenancy rule: whether a caller may act in an organization. An organization is visible only to
 * its own members: to anyone else it does not exist, so they learn nothing of it. Within it, the
 * role decides. The rule answers a {@link Verdict}; service-support turns a refusal into the
 * problem+json answer (403 naming the role, or 404).
 */
public final class Tenancy {

    /** The rule's answer. */
    public enum Verdict {
        /** The caller may act. */
        ALLOWED,
        /** The caller lacks the role: refused, naming the role (403). */
        MISSING_ROLE,
        /** The organization is not the caller's: to them it does not exist (404). */
        OTHER_ORGANIZATION
    }

    private Tenancy() {
    }

    /** A member of this organization may act, whatever their role; to anyone else it does not exist. */
    public static Verdict memberOf(UUID organizationId, Membership caller) {
        return caller.belongsTo(organizationId) ? Verdict.ALLOWED : Verdict.OTHER_ORGANIZATION;
    }

    /**
     * An administrator of this organization may act. Anyone who is not an administrator is refused
     * for the role first, wherever they belong; an administrator of another organization does not
     * see this one.
     */
    public static Verdict administratorOf(UUID organizationId, Membership caller) {
        if (!caller.hasRole(Roles.ORG_ADMIN)) {
            return Verdict.MISSING_ROLE;
        }
        return memberOf(organizationId, caller);
    }

    /**
     * A member of this organization who has the role may act. To anyone outside the organization it
     * does not exist, whatever their roles; a member without the role is refused for it.
     */
    public static Verdict roleIn(UUID organizationId, Roles role, Membership caller) {
        Verdict membership = memberOf(organizationId, caller);
        if (membership != Verdict.ALLOWED) {
            return membership;
        }
        return caller.hasRole(role) ? Verdict.ALLOWED : Verdict.MISSING_ROLE;
    }
}
