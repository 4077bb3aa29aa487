package org.elearn.support.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash of a normalised email: a blind index. Lookups such as "is this email taken?" (command
 * side) or a member search by email (query side, under a key of its own) use this value, never the
 * email itself, and the key lives outside the database.
 */
public final class EmailHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;
    /**
     * One initialised MAC per thread: looking the algorithm up and keying it on every call cost
     * about as much as the hash of a statement's fingerprint on the ingestion path.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public EmailHasher(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the email HMAC key must have at least 256 bits");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    public static String newEncodedKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Emails compare equal ignoring case, surrounding blanks and Unicode compatibility forms. */
    public static String normalise(String email) {
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    public byte[] hash(String email) {
        return keyedHash(normalise(email));
    }

    /** Keyed hash of any identifier, as given: for pseudonymous ids that must not be guessable. */
    public byte[] keyedHash(String value) {
        // doFinal leaves the MAC reset and keyed for the next value
        return macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
