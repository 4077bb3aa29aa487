package org.elearn.command.xapi.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.elearn.command.CommandSideTest;
import org.elearn.command.xapi.XapiFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The xAPI document resources (State, Activity Profile, Agent Profile) and the Agents and Activities
 * resources over HTTP with an ingestion credential, on a real PostgreSQL: each operation, ids lists
 * with {@code since}, merging, the concurrency rules, encryption at rest, erasure, refusals and the
 * isolation of organizations.
 */
@CommandSideTest
class XapiDocumentsTest {

    static final String VERSION = "X-Experience-API-Version";
    static final String STATE = "/xapi/activities/state";
    static final String ACTIVITY_PROFILE = "/xapi/activities/profile";
    static final String AGENT_PROFILE = "/xapi/agents/profile";
    static final String ACTIVITY = "https://content.example/courses/c1/lessons/l1";

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @Autowired
    ApplicationContext context;

    private final UUID otherOrganization = UUID.randomUUID();
    private XapiFixture xapi;
    private UUID organization;
    private String tag;
    private String homePage;
    private String admin;
    private String[] credential;
    private String[] otherCredential;
    private UUID ann;

    @BeforeEach
    void setUp() throws Exception {
        xapi = XapiFixture.in(context);
        organization = xapi.organization;
        tag = xapi.tag;
        homePage = xapi.homePage;
        admin = xapi.admin;
        ann = xapi.importMember("ann-" + tag + "@example.com");
        credential = issue(admin, organization, Map.of());
        otherCredential = issue(xapi.adminOf(otherOrganization), otherOrganization, Map.of());
    }

    private String[] issue(String token, UUID org, Map<String, Object> request) {
        XapiFixture.Credential issued = xapi.issue(org, token, request);
        return new String[] {issued.key(), issued.secret()};
    }

    private String byAccount(UUID member) {
        return "{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"" + homePage + "\",\"name\":\"" + member + "\"}}";
    }

    private static String byMbox(String email) {
        return "{\"mbox\":\"mailto:" + email + "\"}";
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    private WebTestClient.RequestBodySpec call(HttpMethod method, String path, Map<String, String> params) {
        return call(method, path, params, credential);
    }

    private WebTestClient.RequestBodySpec call(HttpMethod method, String path, Map<String, String> params,
                                               String[] as) {
        String query = params.keySet().stream().map(k -> k + "={" + k + "}").collect(Collectors.joining("&"));
        return web.method(method).uri(path + (query.isEmpty() ? "" : "?" + query), params)
                .headers(h -> {
                    h.setBasicAuth(as[0], as[1]);
                    h.set(VERSION, "1.0.3");
                });
    }

    private WebTestClient.ResponseSpec put(String path, Map<String, String> params, String json) {
        return call(HttpMethod.PUT, path, params).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private String body(String path, Map<String, String> params) {
        return call(HttpMethod.GET, path, params).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private List<String> ids(String path, Map<String, String> params, String[] as) {
        return call(HttpMethod.GET, path, params, as).exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
    }

    private void refused(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:" + code);
    }

    private long rows(UUID org) {
        return jdbc.queryForObject("SELECT count(*) FROM xapi_document WHERE organization_id = ?", Long.class, org);
    }

    private static String sha1(byte[] content) throws Exception {
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content)) + "\"";
    }

    @Test
    void stateDocumentsArePutMergedListedAndDeleted() throws Exception {
        var s1 = params("activityId", ACTIVITY, "agent", byAccount(ann), "stateId", "bookmark");
        put(STATE, s1, "{\"page\":3,\"notes\":\"x\"}").expectStatus().isNoContent()
                .expectHeader().valueEquals(VERSION, "1.0.3");
        byte[] stored = call(HttpMethod.GET, STATE, s1).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().exists(HttpHeaders.LAST_MODIFIED)
                .expectBody().returnResult().getResponseBody();
        assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo("{\"page\":3,\"notes\":\"x\"}");
        call(HttpMethod.GET, STATE, s1).exchange().expectHeader().valueEquals(HttpHeaders.ETAG, sha1(stored));

        // POST merges the top-level properties; the member by address is the same agent
        var byAddress = params("activityId", ACTIVITY, "agent", byMbox("ANN-" + tag + "@example.com"),
                "stateId", "bookmark");
        call(HttpMethod.POST, STATE, byAddress).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"page\":4,\"done\":true}").exchange().expectStatus().isNoContent();
        assertThat(body(STATE, s1)).isEqualTo("{\"page\":4,\"notes\":\"x\",\"done\":true}");

        String registration = UUID.randomUUID().toString();
        put(STATE, params("activityId", ACTIVITY, "agent", byAccount(ann), "registration", registration,
                "stateId", "attempt"), "{\"n\":1}").expectStatus().isNoContent();
        var all = params("activityId", ACTIVITY, "agent", byAccount(ann));
        assertThat(ids(STATE, all, credential)).containsExactly("attempt", "bookmark");
        assertThat(ids(STATE, params("activityId", ACTIVITY, "agent", byAccount(ann), "registration", registration),
                credential)).containsExactly("attempt");
        Instant since = clock.instant();
        put(STATE, params("activityId", ACTIVITY, "agent", byAccount(ann), "stateId", "later"), "{}")
                .expectStatus().isNoContent();
        assertThat(ids(STATE, params("activityId", ACTIVITY, "agent", byAccount(ann), "since", since.toString()),
                credential)).containsExactly("later");
        assertThat(ids(STATE, params("activityId", ACTIVITY + "/other", "agent", byAccount(ann)), credential)).isEmpty();

        // merging needs JSON objects on both sides
        var text = params("activityId", ACTIVITY, "agent", byAccount(ann), "stateId", "text");
        call(HttpMethod.PUT, STATE, text).contentType(MediaType.TEXT_PLAIN).bodyValue("plain words").exchange()
                .expectStatus().isNoContent();
        refused(call(HttpMethod.POST, STATE, text).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"a\":1}")
                .exchange(), 400, "document-not-mergeable");
        refused(call(HttpMethod.POST, STATE, s1).contentType(MediaType.APPLICATION_JSON).bodyValue("[1,2]")
                .exchange(), 400, "document-not-mergeable");
        assertThat(body(STATE, text)).isEqualTo("plain words");
        assertThat(body(STATE, s1)).isEqualTo("{\"page\":4,\"notes\":\"x\",\"done\":true}");

        call(HttpMethod.DELETE, STATE, s1).exchange().expectStatus().isNoContent();
        refused(call(HttpMethod.GET, STATE, s1).exchange(), 404, "document-not-found");
        assertThat(ids(STATE, all, credential)).containsExactly("attempt", "later", "text");
        call(HttpMethod.DELETE, STATE, all).exchange().expectStatus().isNoContent();
        assertThat(ids(STATE, all, credential)).isEmpty();
        assertThat(rows(organization)).isZero();
    }

    @Test
    void profilesKeepAnyContentAndFollowTheConcurrencyRules() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
        var logo = params("activityId", ACTIVITY, "profileId", "logo");
        call(HttpMethod.PUT, ACTIVITY_PROFILE, logo).contentType(MediaType.IMAGE_PNG).bodyValue(png).exchange()
                .expectStatus().isNoContent();
        call(HttpMethod.GET, ACTIVITY_PROFILE, logo).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_PNG)
                .expectHeader().valueEquals(HttpHeaders.ETAG, sha1(png))
                .expectBody(byte[].class).isEqualTo(png);

        // an existing profile is replaced only with a precondition
        byte[] other = {1, 2, 3};
        refused(call(HttpMethod.PUT, ACTIVITY_PROFILE, logo).contentType(MediaType.IMAGE_PNG).bodyValue(other)
                .exchange(), 409, "document-exists");
        refused(call(HttpMethod.PUT, ACTIVITY_PROFILE, logo).contentType(MediaType.IMAGE_PNG)
                .header(HttpHeaders.IF_MATCH, sha1(other)).bodyValue(other).exchange(), 412, "precondition-failed");
        refused(call(HttpMethod.PUT, ACTIVITY_PROFILE, logo).contentType(MediaType.IMAGE_PNG)
                .header(HttpHeaders.IF_NONE_MATCH, "*").bodyValue(other).exchange(), 412, "precondition-failed");
        refused(call(HttpMethod.DELETE, ACTIVITY_PROFILE, logo).header(HttpHeaders.IF_MATCH, sha1(other)).exchange(),
                412, "precondition-failed");
        call(HttpMethod.GET, ACTIVITY_PROFILE, logo).exchange().expectBody(byte[].class).isEqualTo(png);
        call(HttpMethod.PUT, ACTIVITY_PROFILE, logo).contentType(MediaType.IMAGE_PNG)
                .header(HttpHeaders.IF_MATCH, sha1(png)).bodyValue(other).exchange().expectStatus().isNoContent();
        call(HttpMethod.GET, ACTIVITY_PROFILE, logo).exchange().expectBody(byte[].class).isEqualTo(other);
        // If-Match on a document that does not exist fails; If-None-Match: * creates
        put(ACTIVITY_PROFILE, params("activityId", ACTIVITY, "profileId", "fresh"), "{}").expectStatus().isNoContent();
        refused(call(HttpMethod.PUT, ACTIVITY_PROFILE, params("activityId", ACTIVITY, "profileId", "none"))
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.IF_MATCH, "*").bodyValue("{}").exchange(),
                412, "precondition-failed");
        call(HttpMethod.PUT, ACTIVITY_PROFILE, params("activityId", ACTIVITY, "profileId", "created"))
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.IF_NONE_MATCH, "*").bodyValue("{\"a\":1}")
                .exchange().expectStatus().isNoContent();
        // POST merges without a precondition, but honours one that is given
        call(HttpMethod.POST, ACTIVITY_PROFILE, params("activityId", ACTIVITY, "profileId", "created"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"b\":2}").exchange().expectStatus().isNoContent();
        refused(call(HttpMethod.POST, ACTIVITY_PROFILE, params("activityId", ACTIVITY, "profileId", "created"))
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.IF_MATCH, "\"0\"").bodyValue("{\"c\":3}")
                .exchange(), 412, "precondition-failed");
        assertThat(body(ACTIVITY_PROFILE, params("activityId", ACTIVITY, "profileId", "created")))
                .isEqualTo("{\"a\":1,\"b\":2}");
        Instant since = clock.instant();
        call(HttpMethod.PUT, ACTIVITY_PROFILE, logo).contentType(MediaType.IMAGE_PNG)
                .header(HttpHeaders.IF_MATCH, "*").bodyValue(png).exchange().expectStatus().isNoContent();
        assertThat(ids(ACTIVITY_PROFILE, params("activityId", ACTIVITY), credential))
                .containsExactly("created", "fresh", "logo");
        assertThat(ids(ACTIVITY_PROFILE, params("activityId", ACTIVITY, "since", since.toString()), credential))
                .containsExactly("logo");

        // the agent profile: the same rules, by agent
        var prefs = params("agent", byAccount(ann), "profileId", "preferences");
        put(AGENT_PROFILE, prefs, "{\"lang\":\"fr\"}").expectStatus().isNoContent();
        refused(put(AGENT_PROFILE, prefs, "{\"lang\":\"de\"}"), 409, "document-exists");
        byte[] current = call(HttpMethod.GET, AGENT_PROFILE, prefs).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        call(HttpMethod.PUT, AGENT_PROFILE, prefs).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, sha1(current)).bodyValue("{\"lang\":\"de\"}").exchange()
                .expectStatus().isNoContent();
        assertThat(body(AGENT_PROFILE, prefs)).isEqualTo("{\"lang\":\"de\"}");
        Instant beforeAvatar = clock.instant();
        put(AGENT_PROFILE, params("agent", byAccount(ann), "profileId", "avatar"), "{}").expectStatus().isNoContent();
        assertThat(ids(AGENT_PROFILE, params("agent", byMbox("ann-" + tag + "@example.com")), credential))
                .containsExactly("avatar", "preferences");
        assertThat(ids(AGENT_PROFILE, params("agent", byAccount(ann), "since", beforeAvatar.toString()), credential))
                .containsExactly("avatar");
        call(HttpMethod.DELETE, AGENT_PROFILE, prefs).exchange().expectStatus().isNoContent();
        refused(call(HttpMethod.GET, AGENT_PROFILE, prefs).exchange(), 404, "document-not-found");
    }

    @Test
    void concurrentCreatorsOfOneDocumentFindItCreatedOnce() throws Exception {
        var profile = params("agent", byAccount(ann), "profileId", "race");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = "{\"writer\":" + i + "}";
                answers.add(pool.submit(() -> call(HttpMethod.PUT, AGENT_PROFILE, profile)
                        .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.IF_NONE_MATCH, "*").bodyValue(body)
                        .exchange().returnResult(Void.class).getStatus().value()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).as("one creates it, the others find it there").containsOnly(204, 412)
                    .filteredOn(status -> status == 204).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows(organization)).isEqualTo(1);
    }

    @Test
    void contentIsStoredOnlyEncrypted() {
        String marker = "secret-note-" + tag;
        put(STATE, params("activityId", ACTIVITY, "agent", byAccount(ann), "stateId", "s"),
                "{\"note\":\"" + marker + "\"}").expectStatus().isNoContent();
        put(AGENT_PROFILE, params("agent", byMbox("stranger-" + tag + "@example.org"), "profileId", "p"),
                "{\"note\":\"" + marker + "\"}").expectStatus().isNoContent();
        put(ACTIVITY_PROFILE, params("activityId", ACTIVITY, "profileId", "p"), "{\"note\":\"" + marker + "\"}")
                .expectStatus().isNoContent();
        List<byte[]> contents = jdbc.queryForList("SELECT content FROM xapi_document WHERE organization_id = ?",
                byte[].class, organization);
        assertThat(contents).hasSize(3)
                .allSatisfy(c -> assertThat(new String(c, StandardCharsets.ISO_8859_1)).doesNotContain(marker)
                        .doesNotContain("note"));
        assertThat(jdbc.queryForList("SELECT t::text FROM xapi_document t WHERE organization_id = ?", String.class,
                organization)).noneMatch(row -> row.contains(marker) || row.contains("stranger-" + tag));
        // under the agents' own keys, and the organization's for the activity profile
        assertThat(jdbc.queryForList("SELECT subject_id::text FROM xapi_document WHERE organization_id = ? "
                + "AND subject_id IS NOT NULL", String.class, organization)).contains(ann.toString()).hasSize(2)
                .allSatisfy(subject -> assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?",
                        Long.class, subject)).isEqualTo(1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?", Long.class,
                organization.toString())).isEqualTo(1);
        assertThat(body(STATE, params("activityId", ACTIVITY, "agent", byAccount(ann), "stateId", "s")))
                .contains(marker);
    }

    @Test
    void erasingAMemberOrAnAgentDeletesTheirDocuments() {
        var annState = params("activityId", ACTIVITY, "agent", byAccount(ann), "stateId", "s");
        var annProfile = params("agent", byAccount(ann), "profileId", "p");
        String strangerAgent = byMbox("gone-" + tag + "@example.org");
        var strangerState = params("activityId", ACTIVITY, "agent", strangerAgent, "stateId", "s");
        put(STATE, annState, "{}").expectStatus().isNoContent();
        put(AGENT_PROFILE, annProfile, "{}").expectStatus().isNoContent();
        put(STATE, strangerState, "{}").expectStatus().isNoContent();
        put(ACTIVITY_PROFILE, params("activityId", ACTIVITY, "profileId", "p"), "{}").expectStatus().isNoContent();
        UUID stranger = jdbc.queryForObject("SELECT subject_id FROM xapi_document WHERE organization_id = ? "
                + "AND subject_id <> ?", UUID.class, organization, ann);

        web.post().uri("/api/users/{id}/erasure", ann).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isAccepted();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM xapi_document WHERE subject_id = ?", Long.class, ann))
                .isZero();
        refused(call(HttpMethod.GET, STATE, annState).exchange(), 404, "document-not-found");
        refused(call(HttpMethod.GET, AGENT_PROFILE, annProfile).exchange(), 404, "document-not-found");
        refused(put(STATE, annState, "{}"), 410, "subject-erased");
        refused(put(STATE, params("activityId", ACTIVITY, "agent", byMbox("ann-" + tag + "@example.com"),
                "stateId", "s"), "{}"), 410, "subject-erased");
        assertThat(ids(STATE, params("activityId", ACTIVITY, "agent", byAccount(ann)), credential)).isEmpty();
        body(STATE, strangerState);

        web.post().uri("/xapi/agents/erasure").header(VERSION, "1.0.3").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(strangerAgent).exchange().expectStatus().isOk();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM xapi_document WHERE subject_id = ?", Long.class,
                stranger)).isZero();
        refused(call(HttpMethod.GET, STATE, strangerState).exchange(), 404, "document-not-found");
        refused(put(STATE, strangerState, "{}"), 410, "subject-erased");
        assertThat(rows(organization)).as("the activity profile belongs to no person").isEqualTo(1);
    }

    @Test
    void organizationsNeverSeeEachOthersDocuments() {
        var state = params("activityId", ACTIVITY, "agent", byMbox("shared-" + tag + "@example.org"), "stateId", "s");
        var profile = params("activityId", ACTIVITY, "profileId", "p");
        put(STATE, state, "{\"org\":1}").expectStatus().isNoContent();
        put(ACTIVITY_PROFILE, profile, "{\"org\":1}").expectStatus().isNoContent();
        put(AGENT_PROFILE, params("agent", byAccount(ann), "profileId", "p"), "{}").expectStatus().isNoContent();

        refused(call(HttpMethod.GET, STATE, state, otherCredential).exchange(), 404, "document-not-found");
        refused(call(HttpMethod.GET, ACTIVITY_PROFILE, profile, otherCredential).exchange(), 404, "document-not-found");
        assertThat(ids(AGENT_PROFILE, params("agent", byAccount(ann)), otherCredential)).isEmpty();
        assertThat(ids(ACTIVITY_PROFILE, params("activityId", ACTIVITY), otherCredential)).isEmpty();
        call(HttpMethod.PUT, STATE, state, otherCredential).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"org\":2}").exchange().expectStatus().isNoContent();
        call(HttpMethod.PUT, ACTIVITY_PROFILE, profile, otherCredential).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"org\":2}").exchange().expectStatus().isNoContent();
        call(HttpMethod.DELETE, STATE, params("activityId", ACTIVITY, "agent", state.get("agent")), otherCredential)
                .exchange().expectStatus().isNoContent();
        assertThat(body(STATE, state)).isEqualTo("{\"org\":1}");
        assertThat(body(ACTIVITY_PROFILE, profile)).isEqualTo("{\"org\":1}");
        assertThat(rows(otherOrganization)).isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedWithAProblemAndChangeNothing() {
        String agent = byAccount(ann);
        refused(put(STATE, params("agent", agent, "stateId", "s"), "{}"), 400, "missing-parameter");
        refused(put(STATE, params("activityId", ACTIVITY, "stateId", "s"), "{}"), 400, "missing-parameter");
        refused(put(STATE, params("activityId", ACTIVITY, "agent", agent), "{}"), 400, "missing-parameter");
        refused(put(ACTIVITY_PROFILE, params("activityId", ACTIVITY), "{}"), 400, "missing-parameter");
        refused(put(AGENT_PROFILE, params("profileId", "p"), "{}"), 400, "missing-parameter");
        refused(call(HttpMethod.GET, STATE, params("agent", agent)).exchange(), 400, "missing-parameter");
        refused(call(HttpMethod.DELETE, ACTIVITY_PROFILE, params("activityId", ACTIVITY)).exchange(), 400,
                "missing-parameter");
        refused(put(STATE, params("activityId", ACTIVITY, "agent", "{not json", "stateId", "s"), "{}"), 400,
                "malformed-request");
        refused(put(STATE, params("activityId", ACTIVITY, "agent",
                "{\"mbox\":\"mailto:a@example.org\",\"openid\":\"https://id.example/a\"}", "stateId", "s"), "{}"),
                400, "invalid-statement");
        refused(put(STATE, params("activityId", "not an iri", "agent", agent, "stateId", "s"), "{}"), 400,
                "invalid-iri");
        refused(put(STATE, params("activityId", ACTIVITY, "agent", agent, "registration", "nope", "stateId", "s"),
                "{}"), 400, "invalid-uuid");
        refused(call(HttpMethod.GET, STATE, params("activityId", ACTIVITY, "agent", agent, "since", "yesterday"))
                .exchange(), 400, "invalid-timestamp");
        refused(put(STATE, params("activityId", ACTIVITY, "agent", agent, "stateId", "s".repeat(1025)), "{}"), 400,
                "validation-failed");
        refused(call(HttpMethod.PUT, STATE, params("activityId", ACTIVITY, "agent", agent, "stateId", "s"))
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[1024 * 1024 + 1]).exchange(),
                413, "body-too-large");
        web.put().uri(STATE + "?activityId={a}&agent={g}&stateId=s", ACTIVITY, agent).header(VERSION, "1.0.3")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isUnauthorized();
        assertThat(rows(organization)).isZero();

        // a restricted member's documents are kept, not changed
        put(STATE, params("activityId", ACTIVITY, "agent", agent, "stateId", "kept"), "{\"a\":1}")
                .expectStatus().isNoContent();
        web.post().uri("/api/users/{u}/restriction", ann).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isNoContent();
        refused(put(STATE, params("activityId", ACTIVITY, "agent", agent, "stateId", "s"), "{}"), 403,
                "processing-restricted");
        refused(call(HttpMethod.DELETE, STATE, params("activityId", ACTIVITY, "agent", agent)).exchange(), 403,
                "processing-restricted");
        assertThat(body(STATE, params("activityId", ACTIVITY, "agent", agent, "stateId", "kept"))).isEqualTo("{\"a\":1}");
        assertThat(rows(organization)).isEqualTo(1);
    }

    @Test
    void theAgentsAndActivitiesResourcesAnswerWhatTheLrsKnows() {
        String email = "ann-" + tag + "@example.com";
        call(HttpMethod.GET, "/xapi/agents", params("agent", byMbox(email))).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.objectType").isEqualTo("Person")
                .jsonPath("$.mbox[0]").isEqualTo("mailto:" + email)
                .jsonPath("$.account[0].homePage").isEqualTo(homePage)
                .jsonPath("$.account[0].name").isEqualTo(ann.toString());
        call(HttpMethod.GET, "/xapi/agents", params("agent", byMbox(email)), otherCredential).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.mbox[0]").isEqualTo("mailto:" + email)
                .jsonPath("$.account").doesNotExist();
        call(HttpMethod.GET, "/xapi/agents", params("agent", "{\"openid\":\"https://id.example/x\"}")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.openid[0]").isEqualTo("https://id.example/x")
                .jsonPath("$.account").doesNotExist();
        refused(call(HttpMethod.GET, "/xapi/agents", params()).exchange(), 400, "missing-parameter");

        call(HttpMethod.GET, "/xapi/activities", params("activityId", ACTIVITY)).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.objectType").isEqualTo("Activity")
                .jsonPath("$.id").isEqualTo(ACTIVITY)
                .jsonPath("$.definition").doesNotExist();
        // a credential without the define scope defines nothing: the definition stays in the statement only
        String named = "{\"name\":{\"en-US\":\"Lesson of Ann " + tag + "\"},\"description\":{\"en-US\":"
                + "\"Her own lesson, built for her by the client, longer than any other definition\"}}";
        ingestDefinition(credential, named);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM xapi_activity WHERE organization_id = ?", Long.class,
                organization)).isZero();
        call(HttpMethod.GET, "/xapi/activities", params("activityId", ACTIVITY)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.definition").doesNotExist();
        // with define: the richest definition seen, whatever the order, and only the organization's own
        String[] defining = issue(admin, organization, Map.of("label", "Authoring " + tag,
                "scopes", List.of("statements/write", "define")));
        String poor = "{\"name\":{\"en-US\":\"Lesson\"}}";
        String rich = "{\"name\":{\"en-US\":\"Lesson\"},\"description\":{\"en-US\":\"Forklifts\"},"
                + "\"type\":\"http://adlnet.gov/expapi/activities/lesson\"}";
        for (String definition : List.of(poor, rich, poor)) {
            ingestDefinition(defining, definition);
        }
        call(HttpMethod.GET, "/xapi/activities", params("activityId", ACTIVITY)).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(ACTIVITY)
                .jsonPath("$.definition.description['en-US']").isEqualTo("Forklifts")
                .jsonPath("$.definition.type").isEqualTo("http://adlnet.gov/expapi/activities/lesson");
        call(HttpMethod.GET, "/xapi/activities", params("activityId", ACTIVITY), otherCredential).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.definition").doesNotExist();
        // erasing the person whose statement gave the definition kept deletes it, whatever it holds
        web.post().uri("/api/users/{id}/erasure", ann).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isAccepted();
        call(HttpMethod.GET, "/xapi/activities", params("activityId", ACTIVITY)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.definition").doesNotExist();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM xapi_activity WHERE organization_id = ?", Long.class,
                organization)).isZero();
        refused(call(HttpMethod.GET, "/xapi/activities", params()).exchange(), 400, "missing-parameter");
        refused(call(HttpMethod.GET, "/xapi/activities", params("activityId", "nope")).exchange(), 400, "invalid-iri");
    }

    /** A statement of Ann's about {@link #ACTIVITY} with this definition, stored with the credential. */
    private void ingestDefinition(String[] as, String definition) {
        call(HttpMethod.POST, "/xapi/statements", params(), as).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"actor\":" + byAccount(ann) + ",\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/"
                        + "experienced\"},\"object\":{\"id\":\"" + ACTIVITY + "\",\"definition\":" + definition
                        + "}}").exchange().expectStatus().isOk();
    }
}
