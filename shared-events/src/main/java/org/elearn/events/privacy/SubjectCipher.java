package org.elearn.events.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;

/**
 * Encrypts single values of a subject's personal data kept outside the events, such as projection
 * columns, under the same per-subject data key and in the same way as the event fields
 * ({@link PersonalDataCryptor}): AES-256-GCM, a fresh nonce, the subject id and a field name as
 * associated data, so a sealed value cannot be moved to another subject or column. A sealed value
 * is the text {@code pc1:<base64(nonce || ciphertext || tag)>}. Once the subject is erased the key
 * is gone and every copy reads as absent, wherever it lies (live rows, dead rows, WAL, backups).
 *
 * <p>Key lookups may go to the database: call it off event-loop threads.
 */
public final class SubjectCipher {

    static final String PREFIX = "pc1:";

    private final KeyVault vault;

    public SubjectCipher(KeyVault vault) {
        this.vault = vault;
    }

    /**
     * The value sealed under the subject's key; null for null, and null when the subject is erased
     * (nothing of theirs may be stored again).
     */
    public String seal(String subjectId, String field, String value) {
        if (value == null) {
            return null;
        }
        SecretKey key;
        try {
            key = vault.keyForWriting(subjectId);
        } catch (SubjectErasedException erased) {
            return null;
        }
        byte[] sealed = Aes.encrypt(key, value.getBytes(StandardCharsets.UTF_8),
                PersonalDataCryptor.associatedData(subjectId, field));
        return PREFIX + Base64.getEncoder().encodeToString(sealed);
    }

    /**
     * The clear value of a sealed one; null for null, and empty when the subject is erased.
     *
     * @throws PersonalDataIntegrityException if the value is not sealed, or fails authentication
     */
    public Optional<String> open(String subjectId, String field, String sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        if (!sealed.startsWith(PREFIX)) {
            throw new PersonalDataIntegrityException("personal data of subject " + subjectId + " at " + field
                    + " is not sealed", null);
        }
        Optional<SecretKey> key = vault.keyForReading(subjectId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] message = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            return Optional.of(new String(Aes.decrypt(key.get(), message,
                    PersonalDataCryptor.associatedData(subjectId, field)), StandardCharsets.UTF_8));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new PersonalDataIntegrityException("personal data of subject " + subjectId + " at " + field
                    + " failed authentication", e);
        }
    }

    /**
     * Binary content sealed under the subject's key ({@code nonce || ciphertext || tag}), with the
     * field as associated data; null when the subject is erased.
     */
    public byte[] sealBytes(String subjectId, String field, byte[] content) {
        SecretKey key;
        try {
            key = vault.keyForWriting(subjectId);
        } catch (SubjectErasedException erased) {
            return null;
        }
        return Aes.encrypt(key, content, PersonalDataCryptor.associatedData(subjectId, field));
    }

    /**
     * The clear content of {@link #sealBytes}; empty when the subject is erased.
     *
     * @throws PersonalDataIntegrityException if the content fails authentication
     */
    public Optional<byte[]> openBytes(String subjectId, String field, byte[] sealed) {
        Optional<SecretKey> key = vault.keyForReading(subjectId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Aes.decrypt(key.get(), sealed, PersonalDataCryptor.associatedData(subjectId, field)));
        } catch (AEADBadTagException e) {
            throw new PersonalDataIntegrityException("personal data of subject " + subjectId + " at " + field
                    + " failed authentication", e);
        }
    }

    /** Reads the keys of these subjects ahead in one round trip, before opening a page of their values. */
    public void prepare(Collection<String> subjectIds) {
        vault.prepareKeysForReading(subjectIds);
    }
}
