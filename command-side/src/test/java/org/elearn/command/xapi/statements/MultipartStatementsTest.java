package org.elearn.command.xapi.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.elearn.support.errors.DomainException;
import org.junit.jupiter.api.Test;

/** The strict reader of xAPI's multipart/mixed statement requests. */
class MultipartStatementsTest {

    static final String BOUNDARY = "abcABC0123'()+_,-./:=?";
    static final String JSON = "{\"actor\":{\"mbox\":\"mailto:a@example.com\"}}";

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** The spec's example layout: the statements, then each attachment with its hash. */
    static byte[] body(String boundary, String statementsHeaders, String json, String... attachments) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\n" + statementsHeaders + "\r\n" + json).getBytes(StandardCharsets.UTF_8));
        for (String attachment : attachments) {
            byte[] content = attachment.getBytes(StandardCharsets.UTF_8);
            out.write(("\r\n--" + boundary + "\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\n"
                    + "X-Experience-API-Hash: " + sha256(content) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(content);
        }
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String code(Runnable parse) {
        try {
            parse.run();
        } catch (DomainException e) {
            return e.code();
        }
        throw new AssertionError("no refusal");
    }

    @Test
    void readsTheStatementsAndEachAttachmentByItsHash() throws Exception {
        byte[] body = body(BOUNDARY, "Content-Type: application/json\r\nContent-Disposition: form-data; name=\"s\"\r\n",
                JSON, "here is a simple attachment", "line one\r\n--not the boundary\r\n");

        MultipartStatements.Parsed parsed = MultipartStatements.parse(body, "\"" + BOUNDARY + "\"");

        assertThat(new String(parsed.statements(), StandardCharsets.UTF_8)).isEqualTo(JSON);
        assertThat(parsed.parts()).hasSize(2);
        assertThat(parsed.parts().get(0).sha2())
                .isEqualTo("495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a");
        assertThat(new String(parsed.parts().get(1).content(), StandardCharsets.UTF_8))
                .isEqualTo("line one\r\n--not the boundary\r\n");
    }

    @Test
    void aPreambleIsSkippedAndTheSameAttachmentTwiceIsKeptOnce() throws Exception {
        byte[] body = body("b1", "Content-Type: application/json; charset=utf-8\r\n", JSON, "same", "same");
        byte[] withPreamble = new byte[body.length + 12];
        System.arraycopy("preamble..\r\n".getBytes(StandardCharsets.US_ASCII), 0, withPreamble, 0, 12);
        System.arraycopy(body, 0, withPreamble, 12, body.length);

        assertThat(MultipartStatements.parse(withPreamble, "b1").parts()).hasSize(1);
    }

    @Test
    void aPartWhoseContentIsNotWhatItsHashSaysIsRefused() throws Exception {
        String body = new String(body("b1", "Content-Type: application/json\r\n", JSON, "original"),
                StandardCharsets.UTF_8).replace("original", "tampered");

        assertThat(code(() -> MultipartStatements.parse(body.getBytes(StandardCharsets.UTF_8), "b1")))
                .isEqualTo("attachment-hash-mismatch");
    }

    @Test
    void everyDeviationFromTheFormatIsMalformed() throws Exception {
        String good = new String(body("b1", "Content-Type: application/json\r\n", JSON, "data"), StandardCharsets.UTF_8);
        String[] bad = {
            good.replace("Content-Type: application/json", "Content-Type: text/plain"), // first part not JSON
            good.replace("X-Experience-API-Hash: ", "X-Other: "),                        // no hash
            good.replace("Content-Transfer-Encoding: binary", "Content-Transfer-Encoding: base64"),
            good.replace("Content-Type: text/plain\r\n", "Content-Type: text/plain\r\n\tfolded\r\n"),
            good.replace("Content-Type: text/plain\r\n", "Content-Type: text/plain\r\nContent-Type: text/html\r\n"),
            good.substring(0, good.length() - 8),                                          // no close delimiter
            good.replace("--b1\r\nContent-Type: text/plain", "--b1 x\r\nContent-Type: text/plain"),
            "no boundary at all",
            "--b1\r\nContent-Type: application/json\r\n" + "x".repeat(MultipartStatements.MAX_HEADER_BYTES),
        };
        for (String body : bad) {
            assertThat(code(() -> MultipartStatements.parse(body.getBytes(StandardCharsets.UTF_8), "b1")))
                    .as(body).isEqualTo("malformed-multipart");
        }
        assertThat(code(() -> MultipartStatements.parse(good.getBytes(StandardCharsets.UTF_8), null)))
                .isEqualTo("malformed-multipart");
        assertThat(code(() -> MultipartStatements.parse(good.getBytes(StandardCharsets.UTF_8), "x".repeat(71))))
                .isEqualTo("malformed-multipart");
    }

    @Test
    void thePartCountIsBounded() throws Exception {
        String[] many = new String[MultipartStatements.MAX_PARTS];
        for (int i = 0; i < many.length; i++) {
            many[i] = "attachment " + i;
        }
        byte[] body = body("b1", "Content-Type: application/json\r\n", JSON, many);

        assertThat(code(() -> MultipartStatements.parse(body, "b1"))).isEqualTo("malformed-multipart");
    }

    @Test
    void aHostileBodyOfNearDelimitersIsReadInLinearTime() {
        byte[] body = ("--b1\r\nContent-Type: application/json\r\n\r\n{}"
                + "\r\n--b".repeat(2_000_000)).getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();

        assertThat(code(() -> MultipartStatements.parse(body, "b1"))).isEqualTo("malformed-multipart");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void anAnswerInTheAttachmentFormatReadsBackAsWritten() throws Exception {
        byte[] essay = "an essay\r\n--with dashes".getBytes(StandardCharsets.UTF_8);
        MultipartStatements.Part part = new MultipartStatements.Part(sha256(essay), essay);

        MultipartStatements.Written written = MultipartStatements.write(JSON.getBytes(StandardCharsets.UTF_8),
                java.util.List.of(part), sha2 -> "text/plain\r\nInjected: header");
        MultipartStatements.Parsed parsed = MultipartStatements.parse(written.body(),
                written.type().getParameter("boundary"));

        assertThat(written.type().isCompatibleWith(org.springframework.http.MediaType.MULTIPART_MIXED)).isTrue();
        assertThat(new String(parsed.statements(), StandardCharsets.UTF_8)).isEqualTo(JSON);
        assertThat(parsed.parts()).singleElement().satisfies(p -> assertThat(p.content()).isEqualTo(essay));
        assertThat(new String(written.body(), StandardCharsets.UTF_8)).doesNotContain("Injected")
                .contains("Content-Type: application/octet-stream");
    }
}
