package org.elearn.tenancy;

/**
 * The roles a token can carry, in its {@code roles} claim. {@link #AUDIT_REVEAL} is a permission
 * rather than a role: it goes with {@link #AUDITOR} to those who may see decrypted personal data in
 * the audit stream.
 */
public enum Roles {
    OPERATOR, ORG_ADMIN, INSTRUCTOR, TRAINEE, AUDITOR, AUDIT_REVEAL;

    /** Name of the claim holding the roles. */
    public static final String CLAIM = "roles";
    /** Name of the claim holding the organization id, when the user belongs to one. */
    public static final String ORGANIZATION_CLAIM = "org";
}
