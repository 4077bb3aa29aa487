package org.elearn.command.membership;

/**
 * The rules of the profile fields that both an administrator ({@code PUT .../members/{id}}) and the
 * member themself ({@code PUT /api/me/profile}) may set, so the two endpoints accept the same values.
 */
public final class ProfileFields {

    /** The longest nickname. */
    public static final int NICKNAME_MAX = 100;
    /** The genders one may record. */
    public static final String GENDER = "^(female|male|non-binary|undisclosed)$";
    /** What a refused gender is told. */
    public static final String GENDER_MESSAGE = "must be female, male, non-binary or undisclosed";

    private ProfileFields() {
    }

    /** An optional text field as stored: stripped, and null when left blank. */
    public static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
