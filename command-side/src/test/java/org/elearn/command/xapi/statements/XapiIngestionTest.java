package org.elearn.command.xapi.statements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.elearn.command.xapi.XapiFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The xAPI ingestion endpoints over HTTP, on a real PostgreSQL: every rule and every bad input. */
@CommandSideTest
class XapiIngestionTest {

    static final String VERSION = "X-Experience-API-Version";
    static final String STATEMENT_TYPE = "org.elearn.events.activity.StatementRecorded";

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IngestionGate gate;
    @Autowired
    ObjectMapper json;
    @Autowired
    ApplicationContext context;

    private final UUID otherOrganization = UUID.randomUUID();
    private XapiFixture xapi;
    private UUID organization;
    private String tag;
    private String homePage;
    private String admin;
    private String key;
    private String secret;
    private UUID ann;
    private UUID otherMember;

    @BeforeEach
    void setUp() throws Exception {
        xapi = XapiFixture.in(context);
        organization = xapi.organization;
        tag = xapi.tag;
        homePage = xapi.homePage;
        admin = xapi.admin;
        ann = xapi.importMember("ann-" + tag + "@example.com");
        otherMember = xapi.importMember(otherOrganization, "olga-" + tag + "@example.com");
        Map<String, Object> credential = issue(false);
        key = credential.get("key").toString();
        secret = credential.get("secret").toString();
    }

    private String adminOf(UUID org) throws Exception {
        return xapi.adminOf(org);
    }

    private Map<String, Object> issue(boolean refusesUnknownActors) {
        return xapi.issue(Map.of("refusesUnknownActors", refusesUnknownActors)).issued();
    }

    private WebTestClient.ResponseSpec post(Object body) {
        return post(body, key, secret, "1.0.3");
    }

    private WebTestClient.ResponseSpec post(Object body, String user, String password, String version) {
        return web.post().uri("/xapi/statements")
                .headers(h -> {
                    h.setBasicAuth(user, password);
                    if (version != null) {
                        h.set(VERSION, version);
                    }
                    h.set(HttpHeaders.USER_AGENT, "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                            + "(KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36");
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static Map<String, Object> statement(Map<String, Object> actor, String verb, String object) {
        Map<String, Object> statement = new java.util.LinkedHashMap<>();
        statement.put("id", UUID.randomUUID().toString());
        statement.put("actor", actor);
        statement.put("verb", Map.of("id", "http://adlnet.gov/expapi/verbs/" + verb, "display", Map.of("en-US", verb)));
        statement.put("object", Map.of("id", object, "objectType", "Activity"));
        statement.put("timestamp", "2026-11-25T10:15:30.000Z");
        statement.put("result", Map.of("duration", "PT1M30S", "score", Map.of("scaled", 0.85), "success", true));
        return statement;
    }

    private Map<String, Object> byAccount(UUID member) {
        return xapi.byAccount(member);
    }

    private static Map<String, Object> byMbox(String email) {
        return Map.of("mbox", "mailto:" + email, "name", "Someone");
    }

    private static Map<String, Object> bySha1(String mbox) throws Exception {
        return Map.of("mbox_sha1sum", java.util.HexFormat.of().formatHex(java.security.MessageDigest
                .getInstance("SHA-1").digest(mbox.getBytes(StandardCharsets.UTF_8))));
    }

    private long stored() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = ?", Long.class,
                STATEMENT_TYPE);
    }

    private JsonNode storedEvent(String statementId) throws Exception {
        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE payload_type = ? AND event_identifier = ?", String.class, STATEMENT_TYPE,
                PlainEvents.statementEventId(organization, UUID.fromString(statementId)));
        return json.readTree(payload);
    }

    @Test
    void aBatchIsCommittedBeforeItIsAcknowledgedAndActorsResolveToMembers() throws Exception {
        long before = stored();
        var byId = statement(byAccount(ann), "completed", "https://content.example/courses/" + UUID.randomUUID());
        var byEmail = statement(byMbox("ANN-" + tag + "@example.com"), "experienced", "https://content.example/v/1");
        var outsider = statement(byMbox("stranger-" + tag + "@example.org"), "experienced",
                "https://content.example/v/1");
        var otherOrgsMember = statement(byAccount(otherMember), "experienced", "https://content.example/v/1");
        List<Object> ids = post(List.of(byId, byEmail, outsider, otherOrgsMember)).expectStatus().isOk()
                .expectHeader().valueEquals(VERSION, "1.0.3")
                .expectBodyList(Object.class).returnResult().getResponseBody();
        assertThat(ids).containsExactly(byId.get("id"), byEmail.get("id"), outsider.get("id"),
                otherOrgsMember.get("id"));
        // acknowledged means committed: visible at once on another connection, no waiting
        assertThat(stored()).isEqualTo(before + 4);

        JsonNode first = storedEvent(byId.get("id").toString());
        assertThat(first.get("actorId").asText()).isEqualTo(ann.toString());
        assertThat(first.get("member").asBoolean()).isTrue();
        assertThat(first.get("durationMillis").asLong()).isEqualTo(90_000);
        assertThat(first.get("score").asInt()).isEqualTo(85);
        assertThat(first.get("statement").toString()).doesNotContain(ann.toString()).doesNotContain("Someone");
        assertThat(first.get("device").toString()).doesNotContain("Android");
        assertThat(storedEvent(byEmail.get("id").toString()).get("actorId").asText()).isEqualTo(ann.toString());

        JsonNode stranger = storedEvent(outsider.get("id").toString());
        assertThat(stranger.get("member").asBoolean()).isFalse();
        assertThat(stranger.get("actorId").asText()).isNotEqualTo(ann.toString());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?", Long.class,
                stranger.get("actorId").asText())).isEqualTo(1);

        JsonNode foreign = storedEvent(otherOrgsMember.get("id").toString());
        assertThat(foreign.get("member").asBoolean()).isFalse();
        assertThat(foreign.get("actorId").asText()).isNotEqualTo(otherMember.toString());
        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE payload_type = ?", String.class, STATEMENT_TYPE))
                .as("emails, names and devices are stored encrypted")
                .noneMatch(p -> p.contains("stranger-" + tag) || p.contains("ANN-" + tag) || p.contains("Android"));
    }

    @Test
    void putStoresUnderTheGivenIdAndRepeatsAreNoOpsButChangesConflict() {
        var statement = statement(byAccount(ann), "experienced", "https://content.example/v/2");
        String id = statement.remove("id").toString();
        web.put().uri("/xapi/statements?statementId={id}", id)
                .headers(h -> {
                    h.setBasicAuth(key, secret);
                    h.set(VERSION, "1.0.0");
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(statement).exchange()
                .expectStatus().isNoContent().expectHeader().valueEquals(VERSION, "1.0.3");
        long after = stored();
        statement.put("id", id);
        post(List.of(statement)).expectStatus().isOk();
        assertThat(stored()).isEqualTo(after);

        statement.put("verb", Map.of("id", "http://adlnet.gov/expapi/verbs/completed"));
        long beforeConflict = stored();
        var fresh = statement(byAccount(ann), "experienced", "https://content.example/v/3");
        post(List.of(fresh, statement)).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:statement-conflict");
        assertThat(stored()).isEqualTo(beforeConflict); // the fresh statement of the batch was not kept either
    }

    private void rejected(Object body, int status, String code) {
        long before = stored();
        post(body).expectStatus().isEqualTo(status)
                .expectHeader().valueEquals(VERSION, "1.0.3")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:" + code);
        assertThat(stored()).isEqualTo(before);
    }

    private List<Object> validPlus(Map<String, Object> bad) {
        return List.of(statement(byAccount(ann), "experienced", "https://content.example/v/ok"), bad);
    }

    @Test
    void everyBadInputIsRefusedWholeWithAProblem() {
        for (String field : List.of("actor", "verb", "object")) {
            var missing = statement(byAccount(ann), "experienced", "https://content.example/v/1");
            missing.remove(field);
            rejected(validPlus(missing), 400, "missing-field");
        }
        rejected(validPlus(statement(byAccount(ann), "experienced", "not an iri")), 400, "invalid-iri");
        var badVerb = statement(byAccount(ann), "experienced", "https://content.example/v/1");
        badVerb.put("verb", Map.of("id", "completed"));
        rejected(validPlus(badVerb), 400, "invalid-iri");
        var badId = statement(byAccount(ann), "experienced", "https://content.example/v/1");
        badId.put("id", "12345");
        rejected(validPlus(badId), 400, "invalid-uuid");
        var badTime = statement(byAccount(ann), "experienced", "https://content.example/v/1");
        badTime.put("timestamp", "yesterday");
        rejected(validPlus(badTime), 400, "invalid-timestamp");
        var badDuration = statement(byAccount(ann), "experienced", "https://content.example/v/1");
        badDuration.put("result", Map.of("duration", "90 seconds"));
        rejected(validPlus(badDuration), 400, "invalid-duration");
        var twice = statement(byAccount(ann), "experienced", "https://content.example/v/1");
        rejected(List.of(twice, twice), 400, "duplicate-statement-id");
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(statement(byAccount(ann), "experienced", "https://content.example/v/" + i));
        }
        rejected(tooMany, 413, "batch-too-large");
        rejected("{not json", 400, "malformed-request");
    }

    /** The xAPI 1.0.3 Data part's MUSTs, as a conformance run sends them: each refused whole, naming where. */
    @Test
    void statementsBreakingAMustOfTheDataPartAreRefusedNamingThePath() {
        rejected(validPlus(statement(Map.of("mbox", "mailto:n-" + tag + "@example.com", "name", 12345), "experienced",
                "https://content.example/v/1")), 400, "invalid-statement");
        rejectedWith("verb", Map.of("id", "http://adlnet.gov/expapi/verbs/experienced", "display", "experienced"),
                "invalid-statement");
        rejectedWith("object", Map.of("id", "https://content.example/q/1",
                "definition", Map.of("interactionType", "liKert")), "invalid-statement");
        rejectedWith("mood", "cheerful", "invalid-statement");
        rejectedWith("timestamp", "2026-11-25T10:15:30.000-00:00", "invalid-timestamp");
        rejected(validPlus(statement(byAccount(ann), "voided", "https://content.example/v/1")), 400,
                "voiding-not-statement-ref");

        var revision = statement(byAccount(ann), "experienced", "https://content.example/v/1");
        revision.put("object", Map.of("objectType", "Agent", "mbox", "mailto:o-" + tag + "@example.com"));
        revision.put("context", Map.of("revision", "2"));
        rejected(validPlus(revision), 400, "invalid-statement");
        post(validPlus(revision)).expectBody()
                .jsonPath("$.statementIndex").isEqualTo(1)
                .jsonPath("$.field").isEqualTo("context.revision")
                .jsonPath("$.path").isEqualTo("$.context.revision");
    }

    /** A valid statement but for one property, refused whole. */
    private void rejectedWith(String property, Object value, String code) {
        var statement = statement(byAccount(ann), "experienced", "https://content.example/v/1");
        statement.put(property, value);
        rejected(validPlus(statement), 400, code);
    }

    @Test
    void aStatementUsingEveryPartOfTheDataModelIsStored() {
        long before = stored();
        var full = statement(byAccount(ann), "answered", "https://content.example/q/7");
        full.put("object", Map.of("objectType", "Activity", "id", "https://content.example/q/7",
                "definition", Map.of("name", Map.of("en-US", "Seven", "de-CH-1996", "Sieben"),
                        "type", "http://adlnet.gov/expapi/activities/cmi.interaction",
                        "interactionType", "likert", "correctResponsesPattern", List.of("likert_3"),
                        "scale", List.of(Map.of("id", "likert_0", "description", Map.of("en-US", "No")),
                                Map.of("id", "likert_3", "description", Map.of("en-US", "Yes"))),
                        "extensions", Map.of("https://content.example/x", Map.of()))));
        full.put("context", Map.of("registration", UUID.randomUUID().toString(), "revision", "3", "platform", "web",
                "language", "en-GB", "team", Map.of("objectType", "Group", "member", List.of(byMbox("t-" + tag
                        + "@example.com"))),
                "contextActivities", Map.of("parent", Map.of("id", "https://content.example/courses/x")),
                "statement", Map.of("objectType", "StatementRef", "id", UUID.randomUUID().toString())));
        full.put("version", "1.0.3");
        post(validPlus(full)).expectStatus().isOk();
        assertThat(stored()).isEqualTo(before + 2);
    }

    /** The platform's one text rule covers every string of a statement: IRIs, mbox, extensions, field names. */
    @Test
    void aControlCharacterAnywhereInAStatementIsRefusedNamingTheField() {
        rejected(validPlus(statement(byMbox("a\u0000-" + tag + "@example.com"), "experienced",
                "https://content.example/v/1")), 400, "invalid-characters");
        rejected(validPlus(statement(byAccount(ann), "experienced", "https://content.example/v/\u0001")), 400,
                "invalid-characters");
        var extension = statement(byAccount(ann), "experienced", "https://content.example/v/1");
        extension.put("context", Map.of("extensions", Map.of("https://x.example/note", List.of("ok", "bad\u0000"))));
        rejected(validPlus(extension), 400, "invalid-characters");
        post(validPlus(extension)).expectBody()
                .jsonPath("$.statementIndex").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("context.extensions.https://x.example/note[1]");
    }

    /** The statement body is read by the same strict rules as every other request body. */
    @Test
    void looseJsonStatementsAreRefused() throws Exception {
        String one = json.writeValueAsString(statement(byAccount(ann), "experienced", "https://content.example/v/1"));
        rejected(one + "garbage", 400, "malformed-request");
        rejected(one.replaceFirst("\\{", "{\"verb\":{\"id\":\"https://v.example/x\"},"), 400, "malformed-request");
    }

    @Test
    void absurdValuesAreRefusedWholeAndNothingIsStored() {
        for (String time : List.of("+999999999-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "1899-12-31T23:59:59Z",
                java.time.Instant.now().plus(java.time.Duration.ofDays(2)).toString())) {
            var absurd = statement(byAccount(ann), "experienced", "https://content.example/v/1");
            absurd.put("timestamp", time);
            rejected(validPlus(absurd), 400, "invalid-timestamp");
        }
        var endless = statement(byAccount(ann), "experienced", "https://content.example/v/1");
        endless.put("result", Map.of("duration", "P1000000Y"));
        rejected(validPlus(endless), 400, "invalid-duration");
        rejected(validPlus(statement(byMbox("a".repeat(1_000) + "@example.com"), "experienced",
                "https://content.example/v/1")), 400, "invalid-iri");
        rejected(validPlus(statement(byMbox("a".repeat(100_000) + "@example.com"), "experienced",
                "https://content.example/v/1")), 400, "statement-too-large");
        var stuffed = statement(byAccount(ann), "experienced", "https://content.example/v/1");
        stuffed.put("context", Map.of("extensions", Map.of("https://x.example/blob", "x".repeat(70_000))));
        rejected(validPlus(stuffed), 400, "statement-too-large");
        var tenMegabytes = statement(byAccount(ann), "experienced", "https://content.example/v/1");
        tenMegabytes.put("context", Map.of("extensions", Map.of("https://x.example/blob", "x".repeat(10_000_000))));
        rejected(validPlus(tenMegabytes), 400, "statement-too-large");
    }

    @Test
    void versionHeaderAndCredentialAreChecked() {
        long before = stored();
        var statement = statement(byAccount(ann), "experienced", "https://content.example/v/1");
        post(statement, key, secret, null).expectStatus().isBadRequest()
                .expectHeader().valueEquals(VERSION, "1.0.3")
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:missing-xapi-version");
        post(statement, key, secret, "0.95").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:unsupported-xapi-version");
        post(statement, key, "wrong-secret", "1.0.3").expectStatus().isUnauthorized()
                .expectHeader().valueEquals(VERSION, "1.0.3")
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"xAPI\"")
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:invalid-credential");
        post(statement, "xk_00000000000000000000", secret, "1.0.3").expectStatus().isUnauthorized();
        web.post().uri("/xapi/statements").header(VERSION, "1.0.3").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(statement).exchange().expectStatus().isUnauthorized();
        web.post().uri("/xapi/statements").header(VERSION, "1.0.3").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(statement).exchange().expectStatus().isUnauthorized();
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aCredentialMayRefuseUnknownActorsAndCanBeRevoked() {
        Map<String, Object> strict = issue(true);
        String strictKey = strict.get("key").toString();
        String strictSecret = strict.get("secret").toString();
        long before = stored();
        var member = statement(byAccount(ann), "experienced", "https://content.example/v/1");
        var stranger = statement(byMbox("nobody-" + tag + "@example.org"), "experienced", "https://content.example/v/1");
        var foreignMember = statement(byAccount(otherMember), "experienced", "https://content.example/v/1");
        post(List.of(member, stranger), strictKey, strictSecret, "1.0.3").expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:unknown-actor");
        post(List.of(member, foreignMember), strictKey, strictSecret, "1.0.3").expectStatus().isForbidden();
        assertThat(stored()).isEqualTo(before);
        post(List.of(member), strictKey, strictSecret, "1.0.3").expectStatus().isOk();

        web.get().uri("/api/organizations/{o}/xapi-credentials", organization).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.key == '" + strictKey + "')].refusesUnknownActors").isEqualTo(true)
                .jsonPath("$[0].secret").doesNotExist();
        web.post().uri("/api/organizations/{o}/xapi-credentials", organization).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("label", " ")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type")
                .isEqualTo("urn:elearn:problem:validation-failed");
        web.delete().uri("/api/organizations/{o}/xapi-credentials/{k}", organization, "not-a-key")
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isBadRequest();
        web.delete().uri("/api/organizations/{o}/xapi-credentials/{k}", otherOrganization, strictKey)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNotFound();
        web.delete().uri("/api/organizations/{o}/xapi-credentials/{k}", organization, strictKey)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNoContent();
        post(List.of(statement(byAccount(ann), "experienced", "https://content.example/v/1")), strictKey, strictSecret,
                "1.0.3").expectStatus().isUnauthorized();
    }

    @Test
    void overloadIsRefusedAtOnceWithRetryAfterAndStoresNothing() {
        long before = stored();
        int taken = gate.drain();
        try {
            post(statement(byAccount(ann), "experienced", "https://content.example/v/1"))
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                    .expectHeader().valueEquals(VERSION, "1.0.3")
                    .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:overloaded");
            assertThat(stored()).isEqualTo(before);
        } finally {
            gate.release(taken);
        }
        post(statement(byAccount(ann), "experienced", "https://content.example/v/1")).expectStatus().isOk();
        assertThat(stored()).isEqualTo(before + 1);
    }

    @Test
    void statementsNamingAnErasedMemberByAnyIdentifierAreRefusedUntilTheAddressIsClaimedAgain() throws Exception {
        String email = "ann-" + tag + "@example.com";
        post(statement(byMbox(email), "experienced", "https://content.example/v/1")).expectStatus().isOk();
        web.post().uri("/api/users/{id}/erasure", ann).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isAccepted();

        long before = stored();
        var someoneElse = byMbox("bob-" + tag + "@example.org");
        for (Map<String, Object> erased : List.of(byMbox(email), byMbox(email.toUpperCase(java.util.Locale.ROOT)),
                bySha1("mailto:" + email), byAccount(ann))) {
            post(List.of(statement(someoneElse, "experienced", "https://content.example/v/2"),
                    statement(erased, "experienced", "https://content.example/v/2")))
                    .expectStatus().isEqualTo(410)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:subject-erased");
        }
        assertThat(stored()).as("a refused batch stores nothing").isEqualTo(before);
        assertThat(jdbc.queryForList("SELECT encode(identifier_hmac, 'hex') FROM erased_actor_identifier "
                        + "WHERE organization_id = ?", String.class, organization))
                .as("tombstones of the address and its SHA-1, as keyed hashes only").hasSize(2)
                .allMatch(hash -> hash.length() == 64)
                .doesNotContain(bySha1("mailto:" + email).get("mbox_sha1sum").toString());
        post(List.of(statement(someoneElse, "experienced", "https://content.example/v/3"),
                statement(bySha1("mailto:bob-" + tag + "@example.org"), "experienced", "https://content.example/v/3")))
                .expectStatus().isOk();
        assertThat(stored()).isEqualTo(before + 2);

        // the address claimed again concerns the new member: their statements are collected
        web.post().uri("/api/organizations/{id}/member-imports", organization).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(("name,phone,email,department\r\nNew One,," + email + ",Sales\r\n")
                        .getBytes(StandardCharsets.UTF_8))
                .exchange().expectStatus().is2xxSuccessful();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM erased_actor_identifier WHERE organization_id = ?",
                Long.class, organization)).isZero();
        var again = statement(byMbox(email), "experienced", "https://content.example/v/4");
        post(List.of(again, statement(bySha1("mailto:" + email), "experienced", "https://content.example/v/4")))
                .expectStatus().isOk();
        JsonNode stored = storedEvent(again.get("id").toString());
        assertThat(stored.get("member").asBoolean()).isTrue();
        assertThat(stored.get("actorId").asText()).isNotEqualTo(ann.toString());
    }

    @Test
    void anEditGivingAnErasedAddressToAnotherMemberLiftsItsTombstones() throws Exception {
        String email = "ann-" + tag + "@example.com";
        web.post().uri("/api/organizations/{id}/member-imports", organization).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(("name,phone,email,department\r\nCarl,,carl-" + tag + "@example.com,Sales\r\n")
                        .getBytes(StandardCharsets.UTF_8))
                .exchange().expectStatus().is2xxSuccessful();
        UUID carl = jdbc.queryForObject("SELECT member_id FROM member_directory WHERE organization_id = ? "
                + "AND member_id <> ?", UUID.class, organization, ann);
        web.post().uri("/api/users/{id}/erasure", ann).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isAccepted();
        post(statement(byMbox(email), "experienced", "https://content.example/v/5")).expectStatus().isEqualTo(410);

        web.put().uri("/api/organizations/{o}/members/{m}", organization, carl).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", email)).exchange()
                .expectStatus().is2xxSuccessful();
        var claimed = statement(byMbox(email), "experienced", "https://content.example/v/5");
        // an mbox goes to the address's holder anyway; its SHA-1, never resolved to members, needs the lift
        post(List.of(claimed, statement(bySha1("mailto:" + email), "experienced", "https://content.example/v/5")))
                .expectStatus().isOk();
        assertThat(storedEvent(claimed.get("id").toString()).get("actorId").asText()).isEqualTo(carl.toString());
    }

    @Test
    void anAdministratorErasesAnAgentWhoIsNotAMember() throws Exception {
        var stranger = byMbox("gone-" + tag + "@example.org");
        var statement = statement(stranger, "experienced", "https://content.example/v/1");
        post(statement).expectStatus().isOk();
        String subject = storedEvent(statement.get("id").toString()).get("actorId").asText();

        String otherAdmin = adminOf(otherOrganization);
        web.post().uri("/xapi/agents/erasure").header(VERSION, "1.0.3").headers(h -> h.setBearerAuth(otherAdmin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(stranger).exchange().expectStatus().isOk();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?", Long.class, subject))
                .as("another organization's administrator erases only their own organization's agent").isEqualTo(1);

        web.post().uri("/xapi/agents/erasure").header(VERSION, "1.0.3").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(stranger).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.subjectId").isEqualTo(subject);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?", Long.class, subject))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM xapi_statement WHERE subject_id = ?::uuid "
                + "AND content_sha256 IS NOT NULL", Long.class, subject)).isZero();
        post(statement(stranger, "experienced", "https://content.example/v/9")).expectStatus().isEqualTo(410);
        // the SHA-1 of the erased address is refused too
        post(statement(bySha1("mailto:gone-" + tag + "@example.org"), "experienced", "https://content.example/v/9"))
                .expectStatus().isEqualTo(410);

        web.post().uri("/xapi/agents/erasure").header(VERSION, "1.0.3").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(byAccount(ann)).exchange()
                .expectStatus().isEqualTo(409);
        web.post().uri("/xapi/agents/erasure").header(VERSION, "1.0.3").headers(h -> h.setBasicAuth(key, secret))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(stranger).exchange()
                .expectStatus().isUnauthorized();
    }
}
