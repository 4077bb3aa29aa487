package org.elearn.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;

/** Test helpers that look at stored personal data independently of the code under test. */
final class SealedValues {

    private SealedValues() {
    }

    /** Decrypts a stored {@code pd1:} value with the subject's key and the associated data {@code subject NUL path}. */
    static String open(KeyVault vault, JsonNode stored, UUID subject, String path) throws AEADBadTagException {
        assertThat(stored.isTextual()).as("stored value is text").isTrue();
        assertThat(stored.textValue()).startsWith(PersonalDataCryptor.PREFIX);
        byte[] sealed = Base64.getDecoder().decode(stored.textValue().substring(PersonalDataCryptor.PREFIX.length()));
        SecretKey key = vault.keyForReading(subject.toString()).orElseThrow();
        byte[] associated = (subject + "\u0000" + path).getBytes(StandardCharsets.UTF_8);
        return new String(Aes.decrypt(key, sealed, associated), StandardCharsets.UTF_8);
    }

    /** Replaces one character inside the base64 ciphertext (after the nonce) by another valid base64 character. */
    static String flipOneCharacter(String sealed) {
        int at = PersonalDataCryptor.PREFIX.length() + 20; // the nonce takes the first 16 base64 characters
        char flipped = sealed.charAt(at) == 'A' ? 'B' : 'A';
        String tampered = sealed.substring(0, at) + flipped + sealed.substring(at + 1);
        assertThat(tampered).isNotEqualTo(sealed).hasSameSizeAs(sealed);
        return tampered;
    }

    /** Asserts that the stored text holds none of the clear values, nor their base64 or hex forms. */
    static void assertHoldsNoneOf(String stored, List<String> clearValues) {
        for (String clear : clearValues) {
            byte[] bytes = clear.getBytes(StandardCharsets.UTF_8);
            byte[] quoted = ("\"" + clear + "\"").getBytes(StandardCharsets.UTF_8);
            assertThat(stored).doesNotContain(clear)
                    .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(bytes))
                    .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(quoted))
                    .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))
                    .doesNotContainIgnoringCase(HexFormat.of().formatHex(bytes))
                    .doesNotContainIgnoringCase(HexFormat.of().formatHex(quoted));
        }
    }

    /** Asserts that no message in the exception chain holds a clear value. */
    static void assertNoClearValue(Throwable thrown, String... clearValues) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            for (String clear : clearValues) {
                assertThat(message).as("message of %s", t.getClass().getSimpleName()).doesNotContain(clear);
            }
        }
    }
}
