package org.elearn.query.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.elearn.support.secrets.SecretFiles;

/**
 * The Ed25519 key that signs audit checkpoints. Read from a PKCS#8 PEM file
 * ({@code learning.audit.signing-key-file}, e.g. {@code openssl genpkey -algorithm ed25519}), or
 * generated once into {@code <secrets dir>/audit-signing-key.pem}, owner-readable only. The key
 * never leaves this class: only the public key and its id are handed out. Never log it.
 */
public final class AuditSigningKey {

    public static final String ALGORITHM = "Ed25519";
    /** The file name in the secrets directory when no key file is configured. */
    public static final String DEFAULT_FILE = "audit-signing-key.pem";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private AuditSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
    }

    /** The configured key file when set, otherwise the secrets directory's key, created on first use. */
    public static AuditSigningKey load(Path keyFile, Path secretsDir) {
        return keyFile != null ? read(keyFile)
                : fromPem(SecretFiles.readOrCreate(secretsDir, DEFAULT_FILE, AuditSigningKey::generatePem));
    }

    /** The key in a PKCS#8 PEM file, which must exist. */
    public static AuditSigningKey read(Path keyFile) {
        try {
            return fromPem(Files.readString(keyFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit signing key file " + keyFile, e);
        }
    }

    /** A new key as PKCS#8 PEM. */
    public static String generatePem() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** Parses a PKCS#8 PEM Ed25519 private key and derives its public key. */
    static AuditSigningKey fromPem(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            PrivateKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new AuditSigningKey(key, derivePublic(key));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            // no message: it could quote key material
            throw new IllegalStateException("the audit signing key is not a PKCS#8 PEM Ed25519 private key");
        }
    }

    /**
     * The JDK has no call that derives an Ed25519 public key from a private one, but its key-pair
     * generator takes the private key as 32 random bytes: feeding it the key's own bytes yields the
     * same pair. Checked by signing and verifying once.
     */
    private static PublicKey derivePublic(PrivateKey key) throws GeneralSecurityException {
        byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow(() -> new GeneralSecurityException("no key bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        PublicKey derived = generator.generateKeyPair().getPublic();
        byte[] probe = "audit-signing-key-check".getBytes(StandardCharsets.US_ASCII);
        if (!verify(derived, probe, sign(key, probe))) {
            throw new GeneralSecurityException("derived public key does not match");
        }
        return derived;
    }

    /** {@code key_id}: the hex of the first 8 bytes of SHA-256 over the public key's X.509 encoding. */
    public static String keyId(PublicKey publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A public key from its base64 X.509 SubjectPublicKeyInfo, as {@code GET /api/audit/signing-key} gives it. */
    public static PublicKey publicKey(String base64Spki) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64Spki.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key");
        }
    }

    public byte[] sign(byte[] message) {
        try {
            return sign(privateKey, message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
    }

    private static byte[] sign(PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(ALGORITHM);
        signer.initSign(key);
        signer.update(message);
        return signer.sign();
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    @Override
    public String toString() {
        return "AuditSigningKey[" + keyId + "]"; // never the key itself
    }
}
