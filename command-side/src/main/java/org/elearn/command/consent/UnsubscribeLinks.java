package org.elearn.command.consent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.elearn.command.CommandSideSecrets;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.support.secrets.SecretFiles;
import org.elearn.support.secrets.SecretsProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One-click unsubscribe tokens: {@code base64url(user id ‖ purpose) "." base64url(HMAC-SHA256)},
 * under a key kept in the secrets directory beside the other command-side keys. A token names a
 * user by their random id and a purpose; it never holds an email, and it is never logged. It does
 * not expire: an unsubscribe link must keep working for as long as the mail may be read. Replacing
 * the key file invalidates every link sent before.
 */
@Component
class UnsubscribeLinks {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** Who and what a valid token names. */
    record Target(UUID userId, String purpose) {
    }

    private final SecretKeySpec key;
    private final ConsentProperties properties;

    UnsubscribeLinks(SecretsProperties secrets, ConsentProperties properties) {
        String encoded = SecretFiles.readOrCreate(secrets.dir(), CommandSideSecrets.UNSUBSCRIBE_HMAC_KEY,
                EmailHasher::newEncodedKey);
        this.key = new SecretKeySpec(Base64.getDecoder().decode(encoded), ALGORITHM);
        this.properties = properties;
    }

    /** The address for the {@code List-Unsubscribe} header. */
    String url(UUID userId, String purpose) {
        return UriComponentsBuilder.fromUri(properties.publicBaseUrl()).path("/api/unsubscribe")
                .queryParam("token", token(userId, purpose)).build().toUriString();
    }

    String token(UUID userId, String purpose) {
        byte[] message = message(userId, purpose);
        return ENCODER.encodeToString(message) + "." + ENCODER.encodeToString(mac(message));
    }

    /** The target of a token whose signature holds; empty for anything else. */
    Optional<Target> verify(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] message = Base64.getUrlDecoder().decode(token.substring(0, dot));
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (message.length <= 16 || !MessageDigest.isEqual(mac(message), signature)) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.wrap(message);
            UUID userId = new UUID(buffer.getLong(), buffer.getLong());
            String purpose = new String(Arrays.copyOfRange(message, 16, message.length), StandardCharsets.UTF_8);
            return Optional.of(new Target(userId, purpose));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not base64url
        }
    }

    private static byte[] message(UUID userId, String purpose) {
        byte[] name = purpose.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + name.length).putLong(userId.getMostSignificantBits())
                .putLong(userId.getLeastSignificantBits()).put(name).array();
    }

    private byte[] mac(byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
