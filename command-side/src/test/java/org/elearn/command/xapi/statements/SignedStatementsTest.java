package org.elearn.command.xapi.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.List;
import org.elearn.support.errors.DomainException;
import org.junit.jupiter.api.Test;

/** The checks of a signed statement's JWS, with key pairs and a certificate made here. */
class SignedStatementsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyPair SIGNER = keyPair();
    private static final KeyPair OTHER = keyPair();

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SIGNED = """
            {"actor":{"mbox":"mailto:signer@example.com","objectType":"Agent"},
             "verb":{"id":"http://adlnet.gov/expapi/verbs/passed"},
             "object":{"id":"http://example.com/quiz","objectType":"Activity"},
             "result":{"score":{"scaled":1}},
             "timestamp":"2026-11-25T10:15:30Z"}""";

    /** The statement as received: the signed one, plus LRS fields, the signature attachment, other spelling. */
    private static ObjectNode received() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"id":"9e3f1c2a-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
                 "timestamp":"2026-11-25T11:15:30+01:00",
                 "object":{"objectType":"Activity","id":"http://example.com/quiz"},
                 "verb":{"id":"http://adlnet.gov/expapi/verbs/passed"},
                 "actor":{"objectType":"Agent","mbox":"mailto:signer@example.com"},
                 "result":{"score":{"scaled":1.0}},
                 "stored":"2026-11-25T10:16:00Z","authority":{"mbox":"mailto:lrs@example.com"},"version":"1.0.3",
                 "attachments":[{"usageType":"http://adlnet.gov/expapi/attachments/signature",
                   "display":{"en-US":"Signature"},"contentType":"application/octet-stream","length":1,
                   "sha2":"00"}]}""");
    }

    private static byte[] jws(JWSAlgorithm algorithm, String payload, KeyPair key, boolean withCertificate)
            throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm);
        if (withCertificate) {
            header.x509CertChain(List.of(Base64.encode(certificate(SIGNER))));
        }
        JWSObject jws = new JWSObject(header.build(), new Payload(payload));
        jws.sign(new RSASSASigner(key.getPrivate()));
        return jws.serialize().getBytes(StandardCharsets.US_ASCII);
    }

    private static void verify(byte[] jws) throws Exception {
        ObjectNode statement = received();
        SignedStatements.verify(statement, statement.get("attachments").get(0), jws, 0);
    }

    @Test
    void aSignatureOfTheStatementVerifiesWithItsCertificate() throws Exception {
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512)) {
            assertThatCode(() -> verify(jws(algorithm, SIGNED, SIGNER, true))).doesNotThrowAnyException();
        }
        assertThatCode(() -> verify(jws(JWSAlgorithm.RS256, SIGNED, OTHER, false))).doesNotThrowAnyException();
    }

    @Test
    void aSignatureByAnotherKeyThanItsCertificatesIsRefused() {
        assertThatThrownBy(() -> verify(jws(JWSAlgorithm.RS256, SIGNED, OTHER, true)))
                .isInstanceOf(DomainException.class).hasMessageContaining("x5c")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("invalid-signature");
    }

    @Test
    void aPayloadThatIsNotTheStatementIsRefused() {
        String other = SIGNED.replace("passed", "failed");
        assertThatThrownBy(() -> verify(jws(JWSAlgorithm.RS256, other, SIGNER, true)))
                .hasMessageContaining("payload is not the statement");
        assertThatThrownBy(() -> verify(jws(JWSAlgorithm.RS256, "[1]", SIGNER, true)))
                .hasMessageContaining("payload is not the statement");
        assertThatThrownBy(() -> verify(jws(JWSAlgorithm.RS256, "not json", SIGNER, true)))
                .hasMessageContaining("not a JSON statement");
    }

    @Test
    void otherAlgorithmsAndMalformedSignaturesAreRefused() throws Exception {
        JWSObject hmac = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(SIGNED));
        hmac.sign(new MACSigner(new byte[32]));
        assertThatThrownBy(() -> verify(hmac.serialize().getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("RS256, RS384 or RS512");
        assertThatThrownBy(() -> verify("not.a-jws".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("compact serialization");
        assertThatThrownBy(() -> verify(new byte[] {(byte) 0xff, 0, '.'}))
                .hasMessageContaining("compact serialization");
        ObjectNode statement = received();
        ((ObjectNode) statement.get("attachments").get(0)).put("contentType", "text/plain");
        assertThatThrownBy(() -> SignedStatements.verify(statement, statement.get("attachments").get(0),
                jws(JWSAlgorithm.RS256, SIGNED, SIGNER, true), 0)).hasMessageContaining("contentType");
    }

    @Test
    void equivalenceIgnoresWhatAnLrsSetsButNotAnIdOrInstantTheSignerGave() throws Exception {
        ObjectNode signed = (ObjectNode) JSON.readTree(SIGNED);
        assertThat(SignedStatements.equivalent(signed, received())).isTrue();
        assertThat(SignedStatements.equivalent(signed.deepCopy().put("id", "9E3F1C2A-4B5D-4E6F-8A9B-0C1D2E3F4A5B"),
                received())).isTrue();
        assertThat(SignedStatements.equivalent(signed.deepCopy().put("id", "11111111-4b5d-4e6f-8a9b-0c1d2e3f4a5b"),
                received())).isFalse();
        assertThat(SignedStatements.equivalent(signed.deepCopy().put("timestamp", "2026-11-25T10:15:31Z"),
                received())).isFalse();
        ObjectNode withAttachments = signed.deepCopy();
        withAttachments.putArray("attachments").addObject().put("sha2", "01");
        assertThat(SignedStatements.equivalent(withAttachments, received())).isFalse();
        assertThat(SignedStatements.equivalent(signed.deepCopy().put("context", "x"), received())).isFalse();
        String group = "{\"objectType\":\"Group\",\"mbox\":\"mailto:g@example.com\",\"member\":[%s,%s]}";
        String a = "{\"mbox\":\"mailto:a@example.com\"}";
        String b = "{\"objectType\":\"Agent\",\"mbox\":\"mailto:b@example.com\"}";
        ObjectNode byGroup = signed.deepCopy();
        byGroup.set("actor", JSON.readTree(String.format(group, a, b)));
        ObjectNode reordered = received();
        reordered.set("actor", JSON.readTree(String.format(group, b, a)));
        assertThat(SignedStatements.equivalent(byGroup, reordered)).isTrue();
        reordered.set("actor", JSON.readTree(String.format(group, b, b)));
        assertThat(SignedStatements.equivalent(byGroup, reordered)).isFalse();
    }

    /** A self-signed X.509 (v1) certificate of the key pair, DER-encoded by hand: the JDK has no builder. */
    static byte[] certificate(KeyPair key) throws Exception {
        byte[] sha256WithRsa = der(0x30, der(0x06, hex("2a864886f70d01010b")), der(0x05));
        byte[] name = der(0x30, der(0x31, der(0x30, der(0x06, hex("550403")),
                der(0x0c, "signer".getBytes(StandardCharsets.UTF_8)))));
        byte[] validity = der(0x30, der(0x17, "250101000000Z".getBytes(StandardCharsets.US_ASCII)),
                der(0x17, "350101000000Z".getBytes(StandardCharsets.US_ASCII)));
        byte[] tbs = der(0x30, der(0x02, BigInteger.valueOf(7).toByteArray()), sha256WithRsa, name, validity, name,
                key.getPublic().getEncoded());
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key.getPrivate());
        signature.update(tbs);
        byte[] signed = signature.sign();
        byte[] bits = new byte[signed.length + 1]; // no unused bits
        System.arraycopy(signed, 0, bits, 1, signed.length);
        return der(0x30, tbs, sha256WithRsa, der(0x03, bits));
    }

    private static byte[] der(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] content : contents) {
            body.writeBytes(content);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = body.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] bytes = BigInteger.valueOf(length).toByteArray();
            int start = bytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (bytes.length - start));
            out.write(bytes, start, bytes.length - start);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
