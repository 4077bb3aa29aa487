package org.elearn.command.xapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the ADL LRS conformance suite (xAPI 1.0.3) asks of the LRS beyond each resource's own tests,
 * as the suite sends it: the consistency header on every statement read (errors included), 405 for
 * a method a resource does not have (before authentication), unknown parameters and {@code since}
 * on the document resources, a POST of a document that does not exist yet, the Person's
 * {@code name}, the version header beside the alternate syntax, and statements that target a
 * statement matching a query (StatementRef filter conditions).
 */
@CommandSideTest
class XapiConformanceTest {

    static final String VERSION = XapiFixture.VERSION;
    static final String CONSISTENT_THROUGH = "X-Experience-API-Consistent-Through";
    static final String VERB = "http://adlnet.gov/expapi/verbs/";
    static final String STATE = "/xapi/activities/state";
    static final String ACTIVITY_PROFILE = "/xapi/activities/profile";
    static final String AGENT_PROFILE = "/xapi/agents/profile";
    static final String PROBLEM = "urn:elearn:problem:";

    @Autowired
    WebTestClient web;
    @Autowired
    ApplicationContext context;
    @Autowired
    ObjectMapper json;

    private XapiFixture xapi;
    private XapiFixture.Credential all;
    private String tag;

    @BeforeEach
    void setUp() throws Exception {
        xapi = XapiFixture.in(context);
        tag = xapi.tag;
        all = xapi.issue(Map.of("scopes", List.of("all")));
    }

    private WebTestClient.RequestBodySpec call(HttpMethod method, String uri) {
        return web.method(method).uri(URI.create(uri)).headers(all.headers());
    }

    /** The query with its values URL-encoded. */
    private static String q(Object... pairs) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            query.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1].toString(), StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private static void refused(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEM + code);
    }

    private static void consistentThrough(WebTestClient.ResponseSpec response, int status) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().value(CONSISTENT_THROUGH, value -> assertThat(Instant.parse(value))
                        .isBeforeOrEqualTo(Instant.now()));
    }

    @Test
    void everyStatementReadSaysHowFarItIsConsistentErrorsIncluded() {
        consistentThrough(call(HttpMethod.GET, "/xapi/statements").exchange(), 200);
        consistentThrough(call(HttpMethod.HEAD, "/xapi/statements").exchange(), 200);
        // the suite's "misusing GET": no version header and no credential at all
        consistentThrough(web.get().uri("/xapi/statements").exchange(), 400);
        consistentThrough(web.get().uri("/xapi/statements").header(VERSION, "1.0.3")
                .headers(h -> h.setBasicAuth("nobody", "nothing")).exchange(), 401);
        consistentThrough(call(HttpMethod.GET, "/xapi/statements?foo=bar").exchange(), 400);
        consistentThrough(call(HttpMethod.GET, "/xapi/statements?statementId=" + UUID.randomUUID()).exchange(), 404);
        // statements are written without it: it says what reads see
        call(HttpMethod.POST, "/xapi/statements").contentType(MediaType.APPLICATION_JSON).bodyValue(statement(
                        UUID.randomUUID(), VERB + "experienced", Map.of("id", "https://content.example/c/" + tag)))
                .exchange().expectStatus().isOk().expectHeader().doesNotExist(CONSISTENT_THROUGH);
    }

    @Test
    void aMethodAResourceDoesNotHaveIsRefusedWith405EvenWithoutACredential() {
        // as the suite sends it: the version header and nothing else
        WebTestClient.ResponseSpec deleteStatements = web.delete()
                .uri("/xapi/statements?statementId=" + UUID.randomUUID()).header(VERSION, "1.0.1").exchange();
        refused(deleteStatements, 405, "method-not-allowed");
        web.delete().uri("/xapi/statements").header(VERSION, "1.0.3").exchange()
                .expectHeader().value(HttpHeaders.ALLOW, allow -> assertThat(allow.split(",\\s*"))
                        .containsExactlyInAnyOrder("GET", "HEAD", "POST", "PUT"));
        for (HttpMethod method : List.of(HttpMethod.DELETE, HttpMethod.POST, HttpMethod.PUT)) {
            refused(web.method(method).uri(URI.create("/xapi/activities?" + q("activityId", "https://content.example/a")))
                    .header(VERSION, "1.0.3").exchange(), 405, "method-not-allowed");
            refused(call(method, "/xapi/agents?" + q("agent", "{\"mbox\":\"mailto:a-" + tag + "@example.org\"}"))
                    .exchange(), 405, "method-not-allowed");
        }
        refused(web.delete().uri("/xapi/about").exchange(), 405, "method-not-allowed");
        // the resources' own methods still reach them
        call(HttpMethod.GET, "/xapi/activities?" + q("activityId", "https://content.example/a")).exchange()
                .expectStatus().isOk();
        web.get().uri("/xapi/about").exchange().expectStatus().isOk();
    }

    private String stranger() {
        return "{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"http://www.example.com/agentId/1\",\"name\":\"Rick "
                + tag + "\"}}";
    }

    private String state(String stateId, Object... more) {
        List<Object> pairs = new ArrayList<>(List.of("activityId", "http://www.example.com/activityId/" + tag,
                "agent", stranger(), "stateId", stateId));
        pairs.addAll(List.of(more));
        return STATE + "?" + q(pairs.toArray());
    }

    @Test
    void theDocumentResourcesRefuseParametersTheyDoNotHaveAndCheckSinceAlways() {
        String profile = "profile-" + tag;
        String activity = "http://www.example.com/activityId/" + tag;
        // the suite's Activity Profile requests with an agent parameter, which that resource does not take
        for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.POST)) {
            refused(call(method, ACTIVITY_PROFILE + "?" + q("activityId", activity, "profileId", profile, "agent", "1"))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"a\":1}").exchange(), 400,
                    "invalid-query-parameter");
        }
        refused(call(HttpMethod.GET, ACTIVITY_PROFILE + "?" + q("activityId", activity, "profileId", profile,
                "agent", "{\"key\":\"value\"}")).exchange(), 400, "invalid-query-parameter");
        refused(call(HttpMethod.GET, state("s", "foo", "bar")).exchange(), 400, "invalid-query-parameter");
        refused(call(HttpMethod.DELETE, AGENT_PROFILE + "?" + q("agent", stranger(), "profileId", profile,
                "activityId", activity)).exchange(), 400, "invalid-query-parameter");
        refused(call(HttpMethod.PUT, state("s", "since", "2026-01-01T00:00:00Z")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"a\":1}").exchange(), 400, "invalid-query-parameter");
        refused(call(HttpMethod.GET, state("s") + "&stateId=t").exchange(), 400, "invalid-query-parameter");

        // since is checked with a document's id too, where it selects nothing
        call(HttpMethod.PUT, state("s")).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"a\":1}").exchange()
                .expectStatus().isNoContent();
        refused(call(HttpMethod.GET, state("s", "since", "not a timestamp")).exchange(), 400, "invalid-timestamp");
        refused(call(HttpMethod.GET, ACTIVITY_PROFILE + "?" + q("activityId", activity, "profileId", profile,
                "since", "true")).exchange(), 400, "invalid-timestamp");
        call(HttpMethod.GET, state("s", "since", "2012-06-01T19:09:13.245Z")).exchange().expectStatus().isOk()
                .expectBody().json("{\"a\":1}");
    }

    @Test
    void aPostOfADocumentNotYetStoredStoresItAsAPutWould() {
        // the suite posts '1' and 'true' as strings, which its client labels as a form
        for (String content : List.of("1", "true")) {
            String stateId = "posted-" + content;
            call(HttpMethod.POST, state(stateId)).contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(content)
                    .exchange().expectStatus().isNoContent();
            call(HttpMethod.GET, state(stateId)).exchange().expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)
                    .expectBody(String.class).isEqualTo(content);
        }
        String profile = AGENT_PROFILE + "?" + q("agent", stranger(), "profileId", "binary-" + tag);
        call(HttpMethod.POST, profile).contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue("/ asdf / undefined")
                .exchange().expectStatus().isNoContent();
        // once stored, it is not JSON, so a POST of JSON cannot be merged into it
        refused(call(HttpMethod.POST, profile).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"a\":1}").exchange(),
                400, "document-not-mergeable");
        call(HttpMethod.GET, profile).exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("/ asdf / undefined");

        // a JSON document onto JSON merges; anything else onto it is refused and changes nothing
        call(HttpMethod.POST, state("merged")).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"car\":\"Honda\"}")
                .exchange().expectStatus().isNoContent();
        refused(call(HttpMethod.POST, state("merged")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("abc").exchange(), 400, "document-not-mergeable");
        call(HttpMethod.POST, state("merged")).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"type\":\"Civic\"}")
                .exchange().expectStatus().isNoContent();
        call(HttpMethod.GET, state("merged")).exchange().expectBody().json("{\"car\":\"Honda\",\"type\":\"Civic\"}");

        // what cannot be a document: nothing at all, or JSON that is not an object
        String activityProfile = ACTIVITY_PROFILE + "?" + q("activityId", "http://www.example.com/activityId/" + tag,
                "profileId", "empty-" + tag);
        refused(call(HttpMethod.POST, activityProfile).exchange(), 400, "document-not-mergeable");
        refused(call(HttpMethod.POST, activityProfile).contentType(MediaType.APPLICATION_JSON).bodyValue("true")
                .exchange(), 400, "document-not-mergeable");
        call(HttpMethod.GET, activityProfile).exchange().expectStatus().isNotFound();
    }

    @Test
    void aPersonAlwaysHasItsNamesTheOnesTheRequestGave() {
        String named = "{\"objectType\":\"Agent\",\"name\":\"Rick " + tag + "\",\"mbox\":\"mailto:rick-" + tag
                + "@example.org\"}";
        call(HttpMethod.GET, "/xapi/agents?" + q("agent", named)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.objectType").isEqualTo("Person")
                .jsonPath("$.name").isEqualTo(List.of("Rick " + tag))
                .jsonPath("$.mbox").isEqualTo(List.of("mailto:rick-" + tag + "@example.org"));
        call(HttpMethod.GET, "/xapi/agents?" + q("agent", stranger())).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo(List.of());
    }

    @Test
    void aVersionHeaderSentBesideTheAlternateSyntaxIsTheOneChecked() throws Exception {
        // the suite's form carries "X-Experience-API-Version: 0.8" while the request has the header itself
        UUID id = UUID.randomUUID();
        String form = q("statementId", id, VERSION, "0.8", "content", json.writeValueAsString(statement(id,
                VERB + "experienced", Map.of("id", "https://content.example/alt/" + tag))));
        call(HttpMethod.POST, "/xapi/statements?method=PUT").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form).exchange().expectStatus().isNoContent();
        call(HttpMethod.GET, "/xapi/statements?statementId=" + id).exchange().expectStatus().isOk();
        // without the header, the form's is the request's, and is checked as any
        String authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (all.key() + ":" + all.secret()).getBytes(StandardCharsets.UTF_8));
        refused(web.post().uri("/xapi/statements?method=PUT").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form + "&" + q("Authorization", authorization)).exchange(), 400, "unsupported-xapi-version");
    }

    private static Map<String, Object> statement(UUID id, String verb, Map<String, Object> object) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("id", id.toString());
        statement.put("actor", Map.of("objectType", "Agent", "name", "xAPI mbox", "mbox", "mailto:xapi@adlnet.gov"));
        statement.put("verb", Map.of("id", verb));
        statement.put("object", object);
        return statement;
    }

    private static Map<String, Object> ref(UUID target) {
        return Map.of("objectType", "StatementRef", "id", target.toString());
    }

    private UUID post(String verb, Map<String, Object> object) {
        UUID id = UUID.randomUUID();
        call(HttpMethod.POST, "/xapi/statements").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(statement(id, verb, object)).exchange().expectStatus().isOk();
        return id;
    }

    private List<String> ids(String query) throws Exception {
        String body = call(HttpMethod.GET, "/xapi/statements?" + query).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        List<String> ids = new ArrayList<>();
        for (JsonNode statement : json.readTree(body).get("statements")) {
            ids.add(statement.get("id").asText());
        }
        return ids;
    }

    @Test
    void aStatementThatTargetsAMatchingStatementMatchesTooAndTimeFiltersApplyToItself() throws Exception {
        String verb = "http://adlnet.gov/expapi/test/voided/target/" + tag;
        UUID voided = post(verb, Map.of("id", "https://content.example/ref/" + tag));
        UUID voiding = post(VERB + "voided", ref(voided));
        Instant afterVoiding = Instant.now();
        UUID referring = post(verb, ref(voided));
        // recursively: a statement about the voiding statement, which targets the matching one
        UUID aboutVoiding = post(VERB + "commented", ref(voiding));
        UUID unrelated = post(VERB + "commented", Map.of("id", "https://content.example/other/" + tag));

        assertThat(ids(q("verb", verb))).as("the voided statement itself is left out")
                .containsExactly(aboutVoiding.toString(), referring.toString(), voiding.toString());
        assertThat(ids(q("verb", verb, "limit", 1))).containsExactly(aboutVoiding.toString());
        assertThat(ids(q("verb", verb, "ascending", true))).containsExactly(voiding.toString(), referring.toString(),
                aboutVoiding.toString());
        assertThat(ids(q("verb", verb, "since", afterVoiding.toString())))
                .containsExactly(aboutVoiding.toString(), referring.toString());
        assertThat(ids(q("activity", "https://content.example/ref/" + tag)))
                .containsExactly(aboutVoiding.toString(), referring.toString(), voiding.toString());
        assertThat(ids(q("verb", VERB + "commented", "activity", "https://content.example/other/" + tag)))
                .containsExactly(unrelated.toString());

        // a page boundary inside the targeting statements: more continues after it
        String first = call(HttpMethod.GET, "/xapi/statements?" + q("verb", verb, "limit", 2)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String more = json.readTree(first).get("more").asText();
        assertThat(more).isNotEmpty();
        String second = call(HttpMethod.GET, more).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(json.readTree(second).get("statements").get(0).get("id").asText()).isEqualTo(voiding.toString());
    }
}
