package org.elearn.events.privacy;

/**
 * Encrypted personal data that cannot be trusted: its authentication tag does not verify, or its
 * key is missing although the subject was never erased. Never treated as erased. The message names
 * the subject id and field path only, never a value.
 */
public class PersonalDataIntegrityException extends RuntimeException {

    public PersonalDataIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
