package org.elearn.events.privacy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** A {@link KeyVault} for unit tests: keys held in a map, erasure removes the key and fences the subject. */
final class InMemoryKeyVault implements KeyVault {

    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    private final Set<String> erased = ConcurrentHashMap.newKeySet();

    @Override
    public SecretKey keyForWriting(String subjectId) {
        if (erased.contains(subjectId)) {
            throw new SubjectErasedException(subjectId);
        }
        return keys.computeIfAbsent(subjectId, id -> new SecretKeySpec(Aes.randomKey(), "AES"));
    }

    @Override
    public Optional<SecretKey> keyForReading(String subjectId) {
        SecretKey key = keys.get(subjectId);
        if (key != null) {
            return Optional.of(key);
        }
        if (erased.contains(subjectId)) {
            return Optional.empty();
        }
        throw new PersonalDataIntegrityException("data key of subject " + subjectId
                + " is missing although the subject was never erased", null);
    }

    @Override
    public boolean isErased(String subjectId) {
        return erased.contains(subjectId);
    }

    @Override
    public void evict(String subjectId) {
        // nothing cached
    }

    /** Destroys the subject's key and fences it. */
    void erase(String subjectId) {
        erased.add(subjectId);
        keys.remove(subjectId);
    }

    /** Test helper: gives {@code subjectId} the very same key as {@code existingSubjectId}. */
    void shareKey(String existingSubjectId, String subjectId) {
        keys.put(subjectId, keyForWriting(existingSubjectId));
    }
}
