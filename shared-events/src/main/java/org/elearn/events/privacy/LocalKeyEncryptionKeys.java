package org.elearn.events.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * KEKs held in this process, read from a file or an environment variable (base64 of 32 random
 * bytes). The first is current; the others are retired keys still able to unwrap until a
 * rotation has re-wrapped everything. A KEK's id is derived from its bytes, so nobody configures it.
 */
public final class LocalKeyEncryptionKeys implements KeyEncryptionKeys {

    private final String currentId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    /** @param base64Keys the current KEK first, then retired ones */
    public LocalKeyEncryptionKeys(List<String> base64Keys) {
        if (base64Keys.isEmpty()) {
            throw new IllegalArgumentException("no key-encryption key configured");
        }
        for (String encoded : base64Keys) {
            byte[] bytes = Base64.getDecoder().decode(encoded.strip());
            if (bytes.length != 32) {
                throw new IllegalArgumentException("a key-encryption key must be 32 bytes (base64-encoded)");
            }
            keys.putIfAbsent(idOf(bytes), new SecretKeySpec(bytes, "AES"));
        }
        this.currentId = keys.keySet().iterator().next();
    }

    /** A new random KEK, base64-encoded, for a local secrets file. */
    public static String newEncodedKey() {
        return Base64.getEncoder().encodeToString(Aes.randomKey());
    }

    @Override
    public String currentKeyId() {
        return currentId;
    }

    @Override
    public byte[] wrap(byte[] dataKey, String subjectId) {
        return Aes.encrypt(keys.get(currentId), dataKey, associatedData(subjectId));
    }

    @Override
    public byte[] unwrap(String keyId, byte[] wrapped, String subjectId) {
        SecretKey kek = keys.get(keyId);
        if (kek == null) {
            throw new PersonalDataIntegrityException("data key of subject " + subjectId
                    + " is wrapped by unknown key-encryption key " + keyId, null);
        }
        try {
            return Aes.decrypt(kek, wrapped, associatedData(subjectId));
        } catch (AEADBadTagException e) {
            throw new PersonalDataIntegrityException("wrapped data key of subject " + subjectId
                    + " failed authentication", e);
        }
    }

    private static byte[] associatedData(String subjectId) {
        return ("data-key:" + subjectId).getBytes(StandardCharsets.UTF_8);
    }

    private static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return "local-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
