package org.elearn.support.security;

/** The roles a token can carry, in its {@code roles} claim. */
public enum Roles {
    OPERATOR, ORG_ADMIN, INSTRUCTOR, TRAINEE, AUDITOR;

    /** Name of the claim holding the roles. */
    public static final String CLAIM = "roles";
    /** Name of the claim holding the organization id, when the user belongs to one. */
    public static final String ORGANIZATION_CLAIM = "org";
}
