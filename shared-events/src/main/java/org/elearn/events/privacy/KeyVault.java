package org.elearn.events.privacy;

import java.util.Collection;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Holds one 256-bit data key per data subject. Keys are stored only wrapped by a key-encryption key
 * that lives outside the database; destroying a subject's key is what erases their personal data.
 */
public interface KeyVault {

    /**
     * The subject's key, created on first use.
     *
     * @throws SubjectErasedException if the subject has been erased: no key is ever created again
     */
    SecretKey keyForWriting(String subjectId);

    /**
     * The subject's key, or empty if the subject has been erased.
     *
     * @throws PersonalDataIntegrityException if the key is missing although the subject was never erased
     */
    Optional<SecretKey> keyForReading(String subjectId);

    /**
     * Reads the keys of these subjects ahead, at once, so that reading a batch of their events
     * costs one round trip instead of one per subject. Optional: {@link #keyForReading} still
     * decides, and tells an erased subject from a missing key.
     */
    default void prepareKeysForReading(Collection<String> subjectIds) {
    }

    /** True once the subject has been erased. */
    boolean isErased(String subjectId);

    /** Forgets any cached copy of the subject's key (another instance erased it). */
    void evict(String subjectId);
}
