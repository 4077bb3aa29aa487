package org.elearn.command.xapi.statements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.elearn.command.xapi.XapiFixture;
import org.elearn.support.privacy.ErasureCompaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Attachments (multipart/mixed) and signed statements over HTTP, on a real PostgreSQL: what is
 * accepted is stored sealed with its statement; every broken pairing of parts and attachment
 * objects, and every bad signature, is refused whole.
 */
@CommandSideTest
class XapiAttachmentsTest {

    private static final String BOUNDARY = "abcABC0123'()+_,-./:=?";
    private static final MediaType MULTIPART = MediaType.parseMediaType("multipart/mixed; boundary=\"" + BOUNDARY + "\"");

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    StatementAttachments attachments;
    @Autowired
    ErasureCompaction compaction;

    @Autowired
    ApplicationContext context;

    private UUID organization;
    private String tag;
    private String admin;
    private String key;
    private String secret;

    @BeforeEach
    void setUp() throws Exception {
        XapiFixture xapi = XapiFixture.in(context);
        organization = xapi.organization;
        tag = xapi.tag;
        admin = xapi.admin;
        XapiFixture.Credential credential = xapi.issue();
        key = credential.key();
        secret = credential.secret();
    }

    private Map<String, Object> statement() {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("id", UUID.randomUUID().toString());
        statement.put("actor", Map.of("mbox", "mailto:learner-" + tag + "@example.com", "objectType", "Agent"));
        statement.put("verb", Map.of("id", "http://adlnet.gov/expapi/verbs/answered"));
        statement.put("object", Map.of("id", "http://example.com/essays/" + tag, "objectType", "Activity"));
        return statement;
    }

    private static Map<String, Object> attachment(byte[] content, String usageType, String contentType)
            throws Exception {
        return new LinkedHashMap<>(Map.of("usageType", usageType, "display", Map.of("en-US", "essay"),
                "contentType", contentType, "length", content.length,
                "sha2", MultipartStatementsTest.sha256(content)));
    }

    private static Map<String, Object> withAttachments(Map<String, Object> statement, Object... attachments) {
        statement.put("attachments", List.of(attachments));
        return statement;
    }

    /** The multipart body: the statements, then each part under the given hash (null: the content's own). */
    private byte[] multipart(Object statements, List<byte[]> contents, List<String> hashes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(json.writeValueAsBytes(statements));
        for (int i = 0; i < contents.size(); i++) {
            String hash = hashes.get(i) == null ? MultipartStatementsTest.sha256(contents.get(i)) : hashes.get(i);
            out.writeBytes(("\r\n--" + BOUNDARY + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: " + hash + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(contents.get(i));
        }
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private byte[] multipart(Object statements, byte[]... contents) throws Exception {
        List<String> own = new ArrayList<>();
        for (int i = 0; i < contents.length; i++) {
            own.add(null);
        }
        return multipart(statements, List.of(contents), own);
    }

    private void credential(org.springframework.http.HttpHeaders headers) {
        headers.setBasicAuth(key, secret);
        headers.set(XapiIngestionTest.VERSION, "1.0.3");
    }

    private WebTestClient.ResponseSpec post(byte[] body) {
        return web.post().uri("/xapi/statements").headers(this::credential).contentType(MULTIPART).bodyValue(body)
                .exchange();
    }

    private void refused(byte[] body, String code) {
        long before = storedStatements();
        post(body).expectStatus().isBadRequest().expectBody().jsonPath("$.type")
                .isEqualTo("urn:elearn:problem:" + code);
        assertThat(storedStatements()).as("nothing stored").isEqualTo(before);
    }

    private long storedStatements() {
        return jdbc.queryForObject("SELECT count(*) FROM xapi_statement WHERE organization_id = ?", Long.class,
                organization);
    }

    private List<byte[]> rows(String statementId) {
        return jdbc.queryForList("SELECT content FROM xapi_attachment WHERE organization_id = ? AND statement_id = ?",
                byte[].class, organization, UUID.fromString(statementId));
    }

    @Test
    void anAttachmentIsStoredWithItsStatementSealedUnderTheActorsKey() throws Exception {
        byte[] essay = ("An essay by learner " + tag + ", in clear only in transit.").getBytes(StandardCharsets.UTF_8);
        Map<String, Object> statement = withAttachments(statement(),
                attachment(essay, "http://example.com/usage/essay", "text/plain"));

        post(multipart(List.of(statement), essay)).expectStatus().isOk().expectBody()
                .jsonPath("$[0]").isEqualTo(statement.get("id"));

        List<byte[]> rows = rows(statement.get("id").toString());
        assertThat(rows).hasSize(1);
        assertThat(new String(rows.get(0), StandardCharsets.ISO_8859_1)).doesNotContain(tag).doesNotContain("essay");
        assertThat(attachments.contents(organization, UUID.fromString(statement.get("id").toString())))
                .hasEntrySatisfying(MultipartStatementsTest.sha256(essay), c -> assertThat(c).isEqualTo(essay));
    }

    @Test
    void aPutTakesItsStatementWithAttachmentsToo() throws Exception {
        byte[] essay = "put essay".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> statement = withAttachments(statement(),
                attachment(essay, "http://example.com/usage/essay", "text/plain"));
        web.put().uri("/xapi/statements?statementId={id}", statement.get("id")).headers(this::credential)
                .contentType(MULTIPART).bodyValue(multipart(statement, essay)).exchange().expectStatus().isNoContent();

        assertThat(rows(statement.get("id").toString())).hasSize(1);
    }

    @Test
    void anAttachmentWithoutItsPartOrAPartWithoutItsAttachmentIsRefused() throws Exception {
        byte[] essay = "essay".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> declared = withAttachments(statement(),
                attachment(essay, "http://example.com/usage/essay", "text/plain"));
        refused(multipart(List.of(declared)), "attachment-missing");
        refused(multipart(List.of(statement()), essay), "attachment-unreferenced");
        // as JSON, an attachment needs a fileUrl
        web.post().uri("/xapi/statements").headers(this::credential).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(declared).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:attachment-missing");
        Map<String, Object> byUrl = attachment(essay, "http://example.com/usage/essay", "text/plain");
        byUrl.put("fileUrl", "https://files.example.com/essay.txt");
        post(multipart(List.of(withAttachments(statement(), byUrl)))).expectStatus().isOk();
    }

    @Test
    void aPartWhoseContentIsNotItsHashOrABrokenBodyIsRefused() throws Exception {
        byte[] essay = "essay".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> statement = withAttachments(statement(),
                attachment(essay, "http://example.com/usage/essay", "text/plain"));
        refused(multipart(List.of(statement), List.of("tampered".getBytes(StandardCharsets.UTF_8)),
                List.of(MultipartStatementsTest.sha256(essay))), "attachment-hash-mismatch");
        byte[] cut = multipart(List.of(statement), essay);
        refused(java.util.Arrays.copyOf(cut, cut.length - 10), "malformed-multipart");
    }

    @Test
    void aSignedStatementIsStoredWhenItsSignatureHoldsAndRefusedOtherwise() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair signer = generator.generateKeyPair();
        Map<String, Object> original = statement();
        original.remove("id");
        byte[] good = jws(original, signer, signer);
        Map<String, Object> signed = withAttachments(new LinkedHashMap<>(original),
                attachment(good, SignedStatements.SIGNATURE_USAGE, SignedStatements.SIGNATURE_TYPE));
        post(multipart(List.of(signed), good)).expectStatus().isOk();

        byte[] wrongKey = jws(original, signer, generator.generateKeyPair());
        refused(multipart(List.of(withAttachments(new LinkedHashMap<>(original),
                attachment(wrongKey, SignedStatements.SIGNATURE_USAGE, SignedStatements.SIGNATURE_TYPE))), wrongKey),
                "invalid-signature");
        Map<String, Object> altered = new LinkedHashMap<>(original);
        altered.put("verb", Map.of("id", "http://adlnet.gov/expapi/verbs/failed"));
        refused(multipart(List.of(withAttachments(altered,
                attachment(good, SignedStatements.SIGNATURE_USAGE, SignedStatements.SIGNATURE_TYPE))), good),
                "invalid-signature");
    }

    /** A JWS of the statement with the certificate of {@code certified}, signed by {@code signing}. */
    private byte[] jws(Map<String, Object> statement, KeyPair certified, KeyPair signing) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode(SignedStatementsTest.certificate(certified))))
                .build(), new Payload(json.writeValueAsString(statement)));
        jws.sign(new RSASSASigner(signing.getPrivate()));
        return jws.serialize().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void erasingTheActorDeletesTheirAttachments() throws Exception {
        byte[] essay = "to be erased".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> statement = withAttachments(statement(),
                attachment(essay, "http://example.com/usage/essay", "text/plain"));
        post(multipart(List.of(statement), essay)).expectStatus().isOk();
        assertThat(rows(statement.get("id").toString())).hasSize(1);

        web.post().uri("/xapi/agents/erasure").header(XapiIngestionTest.VERSION, "1.0.3")
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(statement.get("actor")).exchange().expectStatus().isOk();

        assertThat(rows(statement.get("id").toString())).isEmpty();
        // and no dead row may keep the hash or the sealed content: the table is to be rewritten
        // (VACUUM FULL after the compaction delay, as ErasureAtRestIT proves byte by byte)
        assertThat(compaction.pendingTables()).contains("xapi_attachment");
    }

    @Test
    void aReadWithAttachmentsAnswersTheirRawDataAfterTheStatements() throws Exception {
        byte[] essay = ("Read back " + tag).getBytes(StandardCharsets.UTF_8);
        Map<String, Object> statement = withAttachments(statement(),
                attachment(essay, "http://example.com/usage/essay", "text/plain"));
        post(multipart(List.of(statement), essay)).expectStatus().isOk();

        var answer = web.get().uri("/xapi/statements?statementId={id}&attachments=true", statement.get("id"))
                .headers(this::credential).exchange().expectStatus().isOk().expectBody(byte[].class).returnResult();
        MediaType type = answer.getResponseHeaders().getContentType();
        assertThat(type.isCompatibleWith(MediaType.parseMediaType("multipart/mixed"))).isTrue();
        var parsed = MultipartStatements.parse(answer.getResponseBody(), type.getParameter("boundary"));
        assertThat(json.readTree(parsed.statements()).get("id").asText()).isEqualTo(statement.get("id"));
        assertThat(parsed.parts()).singleElement().satisfies(part -> {
            assertThat(part.sha2()).isEqualTo(MultipartStatementsTest.sha256(essay));
            assertThat(part.content()).isEqualTo(essay);
        });
        web.get().uri("/xapi/statements?statementId={id}", statement.get("id")).headers(this::credential).exchange()
                .expectStatus().isOk().expectBody(String.class).value(b -> assertThat(b).doesNotContain("Read back"));
    }
}
