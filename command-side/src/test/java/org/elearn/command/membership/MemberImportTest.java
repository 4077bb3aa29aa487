package org.elearn.command.membership;

import org.elearn.testsupport.TestMailbox;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.command.CommandSideTest;
import org.elearn.command.web.TestTokens;
import org.elearn.events.membership.MemberImported;
import org.elearn.support.security.AuthProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

@CommandSideTest
class MemberImportTest {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RSAKey signingKey;
    @Autowired
    AuthProperties auth;
    @Autowired
    EventStore eventStore;

    private final UUID organization = UUID.randomUUID();
    private String admin;
    private String tag;

    @BeforeEach
    void setUp() throws Exception {
        admin = adminOf(organization);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    private String adminOf(UUID org) throws Exception {
        return TestTokens.orgAdmin(signingKey, auth, org);
    }

    private WebTestClient.ResponseSpec upload(String token, UUID org, byte[] csv) {
        return web.post().uri("/api/organizations/{id}/member-imports", org).headers(h -> h.setBearerAuth(token))
                .contentType(CSV).bodyValue(csv).exchange();
    }

    private byte[] csv(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private byte[] sample(String secondPhone) {
        return csv("name,phone,email,department",
                "Ann Able,+1 555 0101,ann-" + tag + "@example.com,Sales",
                "\"Bob, Jr.\"," + secondPhone + ",bob-" + tag + "@example.com,",
                "=SUM(1+1),,formula-" + tag + "@example.com,@Ops",
                "Dan Dup,,not-an-email,Sales",
                "Ann Again,,ANN-" + tag + "@example.com,Sales",
                "Phil Phone,call me maybe,phil-" + tag + "@example.com,Sales");
    }

    @Test
    void validRowsBecomeMembersAndInvalidRowsAreReportedByNumber() {
        long before = events();
        upload(admin, organization, sample("+1 555 0102")).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.rows").isEqualTo(6)
                .jsonPath("$.created").isEqualTo(3)
                .jsonPath("$.failed").isEqualTo(3);
        assertThat(events()).isEqualTo(before + 3);

        String importId = jdbc.queryForObject("SELECT import_id::text FROM member_import WHERE organization_id = ?",
                String.class, organization);
        String errors = web.get().uri("/api/organizations/{o}/member-imports/{i}/errors", organization, importId)
                .headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(errors).isEqualTo("row,reason\r\n5,\"invalid email\"\r\n"
                + "6,\"duplicate email in this file (first at row 2)\"\r\n7,\"invalid phone\"\r\n");

        // stored as given, formula-like cells included; encrypted at rest
        UUID formulaMember = jdbc.queryForObject("""
                SELECT d.member_id FROM member_directory d WHERE d.organization_id = ? AND NOT EXISTS (
                  SELECT 1 FROM domain_event_entry e WHERE e.aggregate_identifier = d.member_id::text
                     AND convert_from(e.payload, 'UTF8') LIKE '%Sales%') AND EXISTS (
                  SELECT 1 FROM domain_event_entry e WHERE e.aggregate_identifier = d.member_id::text
                     AND convert_from(e.payload, 'UTF8') LIKE '%@Ops%')""", UUID.class, organization);
        MemberImported imported = (MemberImported) eventStore.readEvents(formulaMember.toString(), 0).next().getPayload();
        assertThat(imported.name()).isEqualTo("=SUM(1+1)");
        assertThat(imported.department()).isEqualTo("@Ops");
        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ?", String.class, formulaMember.toString()).get(0))
                .doesNotContain("SUM").doesNotContain("formula-" + tag);
    }

    @Test
    void reImportingIsIdempotentAndAChangedFieldIsAnUpdate() {
        upload(admin, organization, sample("+1 555 0102")).expectStatus().isOk();
        long before = events();

        upload(admin, organization, sample("+1 555 0102")).expectStatus().isOk()
                .expectBody().jsonPath("$.created").isEqualTo(0).jsonPath("$.unchanged").isEqualTo(3);
        assertThat(events()).isEqualTo(before);

        upload(admin, organization, sample("+1 555 0199")).expectStatus().isOk()
                .expectBody().jsonPath("$.created").isEqualTo(0).jsonPath("$.updated").isEqualTo(1)
                .jsonPath("$.unchanged").isEqualTo(2);
        assertThat(events()).isEqualTo(before + 1);
    }

    @Test
    void malformedFilesAreRefusedWholeAndStoreNothing() {
        long before = events();
        long imports = jdbc.queryForObject("SELECT count(*) FROM member_import", Long.class);

        upload(admin, organization, csv("name,email,phone,department", "A,a@example.com,,X"))
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:wrong-csv-header");
        upload(admin, organization, csv("name,phone,email,department", "Ok One,,ok1-" + tag + "@example.com,X",
                "\"Unbalanced,,u@example.com,X"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:malformed-csv");
        byte[] latin1 = "name,phone,email,department\r\nJos\u00e9,,jose@example.com,X\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        upload(admin, organization, latin1).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:invalid-utf8");
        upload(admin, organization, csv("name,phone,email,department", "Ok Two,,ok2-" + tag + "@example.com,X",
                "Nul Cell,,nul-" + tag + "@example.com,Sa\u0000les"))
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:invalid-characters")
                .jsonPath("$.errors[0].field").isEqualTo("row 3 department");
        StringBuilder big = new StringBuilder("name,phone,email,department\r\n");
        for (int i = 0; i <= MemberImport.MAX_ROWS; i++) {
            big.append("N").append(i).append(",,n").append(i).append('-').append(tag).append("@example.com,D\r\n");
        }
        upload(admin, organization, big.toString().getBytes(StandardCharsets.UTF_8)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:too-many-rows");

        assertThat(events()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM member_import", Long.class)).isEqualTo(imports);
    }

    @Test
    void onlyTheOrganizationsAdministratorsMayImport() throws Exception {
        upload(adminOf(UUID.randomUUID()), organization, sample("+1 555 0102")).expectStatus().isNotFound();
        String instructor = TestTokens.sign(signingKey, TestTokens.claims(auth.issuer(), auth.audience(),
                Instant.now().plusSeconds(300)).claim("roles", List.of("INSTRUCTOR")).build());
        upload(instructor, organization, sample("+1 555 0102")).expectStatus().isForbidden();
        web.post().uri("/api/organizations/{id}/member-imports", organization).contentType(CSV)
                .bodyValue(sample("+1 555 0102")).exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/organizations/{o}/member-imports/{i}/errors", organization, UUID.randomUUID())
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNotFound();
    }
}
