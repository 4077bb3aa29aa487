package org.elearn.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalKeyEncryptionKeysTest {

    private static final String SUBJECT = "7d3f0c1e-1111-4a4a-9b9b-000000000001";

    @Test
    void wrappedKeyUnwrapsToTheSameBytes() {
        LocalKeyEncryptionKeys keks = new LocalKeyEncryptionKeys(List.of(LocalKeyEncryptionKeys.newEncodedKey()));
        byte[] dataKey = Aes.randomKey();

        byte[] wrapped = keks.wrap(dataKey, SUBJECT);

        assertThat(wrapped).isNotEqualTo(dataKey);
        assertThat(keks.unwrap(keks.currentKeyId(), wrapped, SUBJECT)).isEqualTo(dataKey);
    }

    @Test
    void unwrapWithAnotherSubjectIdFails() {
        LocalKeyEncryptionKeys keks = new LocalKeyEncryptionKeys(List.of(LocalKeyEncryptionKeys.newEncodedKey()));
        byte[] wrapped = keks.wrap(Aes.randomKey(), SUBJECT);

        assertThatThrownBy(() -> keks.unwrap(keks.currentKeyId(), wrapped, "another-subject"))
                .isInstanceOf(PersonalDataIntegrityException.class);
    }

    @Test
    void tamperedWrappedKeyFails() {
        LocalKeyEncryptionKeys keks = new LocalKeyEncryptionKeys(List.of(LocalKeyEncryptionKeys.newEncodedKey()));
        byte[] wrapped = keks.wrap(Aes.randomKey(), SUBJECT);
        wrapped[wrapped.length / 2] ^= 0x01;

        assertThatThrownBy(() -> keks.unwrap(keks.currentKeyId(), wrapped, SUBJECT))
                .isInstanceOf(PersonalDataIntegrityException.class);
    }

    @Test
    void unknownKeyIdFails() {
        LocalKeyEncryptionKeys keks = new LocalKeyEncryptionKeys(List.of(LocalKeyEncryptionKeys.newEncodedKey()));
        byte[] wrapped = keks.wrap(Aes.randomKey(), SUBJECT);

        assertThatThrownBy(() -> keks.unwrap("local-0000000000000000", wrapped, SUBJECT))
                .isInstanceOf(PersonalDataIntegrityException.class);
    }

    @Test
    void retiredKeyStillUnwrapsAfterRotation() {
        String oldKey = LocalKeyEncryptionKeys.newEncodedKey();
        String newKey = LocalKeyEncryptionKeys.newEncodedKey();
        LocalKeyEncryptionKeys before = new LocalKeyEncryptionKeys(List.of(oldKey));
        byte[] dataKey = Aes.randomKey();
        byte[] wrappedByOld = before.wrap(dataKey, SUBJECT);

        LocalKeyEncryptionKeys after = new LocalKeyEncryptionKeys(List.of(newKey, oldKey));

        assertThat(after.currentKeyId())
                .isEqualTo(new LocalKeyEncryptionKeys(List.of(newKey)).currentKeyId())
                .isNotEqualTo(before.currentKeyId());
        assertThat(after.unwrap(before.currentKeyId(), wrappedByOld, SUBJECT)).isEqualTo(dataKey);
        byte[] wrappedByNew = after.wrap(dataKey, SUBJECT);
        assertThat(after.unwrap(after.currentKeyId(), wrappedByNew, SUBJECT)).isEqualTo(dataKey);
        assertThatThrownBy(() -> after.unwrap(before.currentKeyId(), wrappedByNew, SUBJECT))
                .isInstanceOf(PersonalDataIntegrityException.class);
    }

    @Test
    void keyIdIsDerivedFromKeyBytes() {
        String key = LocalKeyEncryptionKeys.newEncodedKey();

        assertThat(new LocalKeyEncryptionKeys(List.of(key)).currentKeyId())
                .isEqualTo(new LocalKeyEncryptionKeys(List.of(" " + key + "\n")).currentKeyId())
                .isNotEqualTo(new LocalKeyEncryptionKeys(List.of(LocalKeyEncryptionKeys.newEncodedKey())).currentKeyId());
    }

    @Test
    void keyThatIsNot32BytesIsRefused() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        String longKey = Base64.getEncoder().encodeToString(new byte[33]);

        assertThatThrownBy(() -> new LocalKeyEncryptionKeys(List.of(shortKey)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LocalKeyEncryptionKeys(List.of(LocalKeyEncryptionKeys.newEncodedKey(), longKey)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noKeyIsRefused() {
        assertThatThrownBy(() -> new LocalKeyEncryptionKeys(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
