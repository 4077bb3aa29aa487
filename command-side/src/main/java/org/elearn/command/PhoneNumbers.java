package org.elearn.command;

/**
 * What the command side takes for a phone number, wherever one is typed (registration forms, the
 * own profile, the member import): digits, spaces, parentheses and dashes, an optional leading +.
 */
public final class PhoneNumbers {

    /** The pattern, for {@code @Pattern(regexp = …)} and the import's check. */
    public static final String PATTERN = "^\\+?[0-9][0-9 ()-]{3,30}$";

    private PhoneNumbers() {
    }
}
