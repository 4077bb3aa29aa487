package org.elearn.events.privacy;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a fresh 96-bit nonce per message: output is {@code nonce || ciphertext || tag}.
 * Each thread keeps its own cipher and random generator: looking a cipher up and sharing one
 * generator across threads cost more than the encryption itself on the append path.
 */
final class Aes {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    // DRBG instances share no lock; the platform default (NativePRNG) serialises every thread on one
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            return new SecureRandom();
        }
    });
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    });

    private Aes() {
    }

    static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.get().nextBytes(key);
        return key;
    }

    /** Random bytes drawn from the thread's DRBG 64 nonces at a time: one call per nonce costs more. */
    private static final class NonceSource {
        private final byte[] pool = new byte[NONCE_BYTES * 64];
        private int next = pool.length;

        byte[] nonce() {
            if (next == pool.length) {
                RANDOM.get().nextBytes(pool);
                next = 0;
            }
            byte[] nonce = java.util.Arrays.copyOfRange(pool, next, next + NONCE_BYTES);
            java.util.Arrays.fill(pool, next, next + NONCE_BYTES, (byte) 0);
            next += NONCE_BYTES;
            return nonce;
        }
    }

    private static final ThreadLocal<NonceSource> NONCES = ThreadLocal.withInitial(NonceSource::new);

    static byte[] encrypt(SecretKey key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = NONCES.get().nonce();
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws AEADBadTagException if the data or its associated data was altered */
    static byte[] decrypt(SecretKey key, byte[] message, byte[] associatedData) throws AEADBadTagException {
        if (message.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new AEADBadTagException("message too short");
        }
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, message, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(message, NONCE_BYTES, message.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }
}
