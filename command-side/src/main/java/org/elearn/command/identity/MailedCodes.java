package org.elearn.command.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Single-use codes sent by mail (invitations, registration verification): 256 random bits, so a
 * plain SHA-256 is enough to store them by (nobody can guess one to test against the hash).
 */
public final class MailedCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MailedCodes() {
    }

    /** A new code, URL-safe Base64 without padding (43 characters). */
    public static String newCode() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored instead of a code (or of any value derived from one). */
    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
