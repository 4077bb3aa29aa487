package org.elearn.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonStringTest {

    @Test
    void escapedTextParsesBackToTheSameString() throws Exception {
        String tricky = "Zoë \"Q\" O'Brien \\ tab\t newline\n bell\u0007 emoji \uD83D\uDE00 end";
        byte[] json = PersonalDataCryptor.jsonString(tricky);
        assertThat(new ObjectMapper().readTree(json).textValue()).isEqualTo(tricky);
    }

    /** The bytes escaped on UTF-8 are those of the former escaping on chars, for any text (sealed data stays comparable). */
    @Test
    void escapingTheBytesGivesWhatEscapingTheCharsGave() {
        Random random = new Random(7);
        String alphabet = "ab\"\\/'\t\n\r\u0000\u0001\u001f\u007f\u0080éß€\u2028\uFFFF\uD83D\uDE00\uD800{}:,";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(PersonalDataCryptor.jsonString(text.toString())).as(text.toString())
                    .isEqualTo(escapedChars(text.toString()));
        }
        assertThat(PersonalDataCryptor.jsonString("")).isEqualTo("\"\"".getBytes(StandardCharsets.UTF_8));
    }

    /** The escaping as it was written before, char by char. */
    private static byte[] escapedChars(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }
}
