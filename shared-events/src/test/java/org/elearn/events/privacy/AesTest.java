package org.elearn.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesTest {

    private final SecretKey key = new SecretKeySpec(Aes.randomKey(), "AES");
    private final byte[] plaintext = "the same plaintext".getBytes(StandardCharsets.UTF_8);
    private final byte[] associated = "subject\u0000field".getBytes(StandardCharsets.UTF_8);

    @Test
    void encryptingTwiceGivesDifferentOutputs() throws Exception {
        byte[] first = Aes.encrypt(key, plaintext, associated);
        byte[] second = Aes.encrypt(key, plaintext, associated);

        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOf(first, 12)).isNotEqualTo(Arrays.copyOf(second, 12)); // fresh nonce
        assertThat(first).hasSize(12 + plaintext.length + 16);
        assertThat(Aes.decrypt(key, first, associated)).isEqualTo(plaintext);
        assertThat(Aes.decrypt(key, second, associated)).isEqualTo(plaintext);
    }

    @Test
    void otherAssociatedDataFailsAuthentication() {
        byte[] sealed = Aes.encrypt(key, plaintext, associated);

        assertThatThrownBy(() -> Aes.decrypt(key, sealed, "subject\u0000other".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void tooShortMessageFailsAuthentication() {
        assertThatThrownBy(() -> Aes.decrypt(key, new byte[27], associated))
                .isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void randomKeysAre32FreshBytes() {
        assertThat(Aes.randomKey()).hasSize(32).isNotEqualTo(Aes.randomKey());
    }
}
