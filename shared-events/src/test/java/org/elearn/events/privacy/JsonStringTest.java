package org.elearn.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonStringTest {

    @Test
    void escapedTextParsesBackToTheSameString() throws Exception {
        String tricky = "Zoë \"Q\" O'Brien \\ tab\t newline\n bell\u0007 emoji \uD83D\uDE00 end";
        byte[] json = PersonalDataCryptor.jsonString(tricky);
        assertThat(new ObjectMapper().readTree(json).textValue()).isEqualTo(tricky);
    }
}
