package org.elearn.events.privacy;

/**
 * The key-encryption keys (KEKs) that wrap data keys. They live outside the database: locally in a
 * file or environment variable ({@link LocalKeyEncryptionKeys}); in production an implementation of
 * this interface can delegate to a KMS or Vault, so the KEK never enters the process.
 */
public interface KeyEncryptionKeys {

    /** Identifier of the KEK that wraps new data keys, stored beside every wrapped key. */
    String currentKeyId();

    /** Wraps a data key with the current KEK; the subject id is bound as associated data. */
    byte[] wrap(byte[] dataKey, String subjectId);

    /**
     * Unwraps a data key wrapped by the KEK {@code keyId}.
     *
     * @throws PersonalDataIntegrityException if the wrapped key was tampered with, or no such KEK is known
     */
    byte[] unwrap(String keyId, byte[] wrapped, String subjectId);
}
