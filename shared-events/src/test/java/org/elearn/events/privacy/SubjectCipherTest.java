package org.elearn.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubjectCipherTest {

    private final InMemoryKeyVault vault = new InMemoryKeyVault();
    private final SubjectCipher cipher = new SubjectCipher(vault);

    @Test
    void sealedValueOpensForItsSubjectAndFieldOnly() {
        String sealed = cipher.seal("s1", "member_view.email", "ada@example.com");

        assertThat(sealed).startsWith("pc1:").doesNotContain("ada");
        assertThat(cipher.seal("s1", "member_view.email", "ada@example.com")).isNotEqualTo(sealed);
        assertThat(cipher.open("s1", "member_view.email", sealed)).contains("ada@example.com");
        vault.shareKey("s1", "s2");
        assertThatThrownBy(() -> cipher.open("s2", "member_view.email", sealed))
                .isInstanceOf(PersonalDataIntegrityException.class);
        assertThatThrownBy(() -> cipher.open("s1", "member_view.phone", sealed))
                .isInstanceOf(PersonalDataIntegrityException.class);
    }

    @Test
    void erasedSubjectReadsAsAbsentAndGetsNothingSealed() {
        String sealed = cipher.seal("s1", "member_view.phone", "+44 7700 900123");
        vault.erase("s1");

        assertThat(cipher.open("s1", "member_view.phone", sealed)).isEmpty();
        assertThat(cipher.seal("s1", "member_view.phone", "+44 7700 900123")).isNull();
    }

    @Test
    void nullStaysNullAndAClearValueIsAnIntegrityError() {
        assertThat(cipher.seal("s1", "member_view.phone", null)).isNull();
        assertThat(cipher.open("s1", "member_view.phone", null)).isEmpty();
        cipher.seal("s1", "member_view.phone", "x");
        assertThatThrownBy(() -> cipher.open("s1", "member_view.phone", "+44 7700 900123"))
                .isInstanceOf(PersonalDataIntegrityException.class);
    }

    @Test
    void sealedBytesOpenForTheirSubjectAndFieldOnlyAndShredWithTheKey() {
        byte[] content = "an essay by Ada".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] sealed = cipher.sealBytes("s1", "xapi_attachment:a", content);

        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Ada");
        assertThat(cipher.openBytes("s1", "xapi_attachment:a", sealed).orElseThrow()).isEqualTo(content);
        assertThatThrownBy(() -> cipher.openBytes("s1", "xapi_attachment:b", sealed))
                .isInstanceOf(PersonalDataIntegrityException.class);
        vault.erase("s1");
        assertThat(cipher.openBytes("s1", "xapi_attachment:a", sealed)).isEmpty();
        assertThat(cipher.sealBytes("s1", "xapi_attachment:a", content)).isNull();
    }
}
