package org.elearn.command.xapi.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/** The xAPI protocol around the LRS's resources, over HTTP: scopes, CORS, About, HEAD, alternate syntax, versions. */
@CommandSideTest
class XapiProtocolTest {

    static final String VERSION = "X-Experience-API-Version";

    @Autowired
    WebTestClient web;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private XapiFixture xapi;
    private UUID organization;
    private String tag;
    private String admin;

    @BeforeEach
    void setUp() throws Exception {
        xapi = XapiFixture.in(context);
        organization = xapi.organization;
        tag = xapi.tag;
        admin = xapi.admin;
    }

    private record Issued(String key, String secret) {
    }

    private Map<String, Object> issueRaw(Map<String, Object> body) {
        return xapi.issue(body).issued();
    }

    private Issued issue(List<String> scopes, List<String> origins) {
        Map<String, Object> body = new HashMap<>(Map.of("label", "LMS " + tag));
        if (scopes != null) {
            body.put("scopes", scopes);
        }
        if (origins != null) {
            body.put("allowedOrigins", origins);
        }
        Map<String, Object> issued = issueRaw(body);
        return new Issued(issued.get("key").toString(), issued.get("secret").toString());
    }

    private Map<String, Object> statement() {
        return statement(UUID.randomUUID());
    }

    private Map<String, Object> statement(UUID id) {
        return Map.of("id", id.toString(),
                "actor", Map.of("mbox", "mailto:learner-" + tag + "@example.org"),
                "verb", Map.of("id", "http://adlnet.gov/expapi/verbs/experienced"),
                "object", Map.of("id", "https://content.example/protocol/" + tag));
    }

    private WebTestClient.ResponseSpec send(HttpMethod method, String uri, Issued credential, Object body) {
        WebTestClient.RequestBodySpec request = web.method(method).uri(uri).header(VERSION, "1.0.3")
                .headers(h -> h.setBasicAuth(credential.key(), credential.secret()));
        return body == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static void refusedForScope(WebTestClient.ResponseSpec response) {
        response.expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(VERSION, "1.0.3")
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:insufficient-scope")
                .jsonPath("$.acceptedScopes").isArray();
    }

    private static void passesScopes(WebTestClient.ResponseSpec response) {
        int status = response.returnResult(Void.class).getStatus().value();
        assertThat(status).as("neither unauthenticated nor refused for scope").isNotIn(401, 403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void scopesAreStoredListedAndEnforcedByMethodAndPath() {
        Issued byDefault = issue(null, null);
        Issued writer = issue(List.of("statements/write"), null);
        Issued reader = issue(List.of("statements/read"), null);
        Issued allRead = issue(List.of("all/read"), null);
        Issued state = issue(List.of("state"), null);
        Issued all = issue(List.of("all"), null);

        web.get().uri("/api/organizations/{o}/xapi-credentials", organization).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.key == '" + byDefault.key() + "')].scopes[*]")
                .value(scopes -> assertThat((List<Object>) scopes).containsExactly(
                        "statements/write", "statements/read/mine", "state", "profile"))
                .jsonPath("$[?(@.key == '" + reader.key() + "')].scopes[*]")
                .value(scopes -> assertThat((List<Object>) scopes).containsExactly("statements/read"));

        // writing statements: statements/write or all
        send(HttpMethod.POST, "/xapi/statements", byDefault, statement()).expectStatus().isOk();
        send(HttpMethod.POST, "/xapi/statements", writer, statement()).expectStatus().isOk();
        UUID id = UUID.randomUUID();
        send(HttpMethod.PUT, "/xapi/statements?statementId=" + id, all, statement(id)).expectStatus().isNoContent();
        refusedForScope(send(HttpMethod.POST, "/xapi/statements", reader, statement()));
        refusedForScope(send(HttpMethod.PUT, "/xapi/statements?statementId=" + UUID.randomUUID(), allRead, statement()));
        refusedForScope(send(HttpMethod.POST, "/xapi/statements", state, statement()));

        // reading statements: any read scope
        passesScopes(send(HttpMethod.GET, "/xapi/statements", reader, null));
        passesScopes(send(HttpMethod.GET, "/xapi/statements", byDefault, null));
        passesScopes(send(HttpMethod.GET, "/xapi/statements", allRead, null));
        refusedForScope(send(HttpMethod.GET, "/xapi/statements", writer, null));
        refusedForScope(send(HttpMethod.GET, "/xapi/statements", state, null));

        // documents: their own scope, all/read for reading
        passesScopes(web.get().uri(u -> u.path("/xapi/activities/state").queryParam("activityId", "https://content.example/a")
                .queryParam("stateId", "s").build()).header(VERSION, "1.0.3")
                .headers(h -> h.setBasicAuth(allRead.key(), allRead.secret())).exchange());
        refusedForScope(web.put().uri(u -> u.path("/xapi/activities/state").queryParam("stateId", "s").build())
                .header(VERSION, "1.0.3").headers(h -> h.setBasicAuth(allRead.key(), allRead.secret()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("a", 1)).exchange());
        refusedForScope(web.delete().uri(u -> u.path("/xapi/activities/state").queryParam("stateId", "s").build())
                .header(VERSION, "1.0.3").headers(h -> h.setBasicAuth(writer.key(), writer.secret())).exchange());
        refusedForScope(send(HttpMethod.GET, "/xapi/agents/profile", state, null));
        refusedForScope(send(HttpMethod.GET, "/xapi/activities/profile", reader, null));
        passesScopes(send(HttpMethod.GET, "/xapi/activities/profile", byDefault, null));
        passesScopes(send(HttpMethod.GET, "/xapi/agents", state, null));
        passesScopes(send(HttpMethod.GET, "/xapi/activities", allRead, null));
        send(HttpMethod.HEAD, "/xapi/activities", writer, null).expectStatus().isForbidden().expectBody().isEmpty();
    }

    private WebTestClient.BodyContentSpec issueRefused(Map<String, Object> body, String code) {
        return web.post().uri("/api/organizations/{o}/xapi-credentials", organization).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:" + code);
    }

    @Test
    void unknownScopesAndBadOriginsAreRefusedAtIssue() {
        issueRefused(Map.of("label", "x", "scopes", List.of("statements/write", "define/all")), "invalid-scope")
                .jsonPath("$.field").isEqualTo("scopes[1]");
        issueRefused(Map.of("label", "x", "scopes", List.of()), "invalid-scope");
        issueRefused(Map.of("label", "x", "allowedOrigins", List.of("https://ok.example", "*")), "invalid-origin")
                .jsonPath("$.field").isEqualTo("allowedOrigins[1]");
        Map<String, Object> issued = issueRaw(Map.of("label", "x", "allowedOrigins", List.of("HTTPS://Content.Example:443")));
        assertThat(issued.get("allowedOrigins")).isEqualTo(List.of("https://content.example"));
    }

    @Test
    void aPreflightIsAnsweredForAnOriginSomeCredentialAllowsAndEachRequestIsHeldToItsOwnCredential() {
        String origin = "https://content-" + tag + ".example";
        Issued browser = issue(List.of("statements/write"), List.of(origin));
        Issued server = issue(List.of("statements/write"), null);

        preflight(origin).expectStatus().isNoContent()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods)
                        .contains("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers -> assertThat(headers)
                        .contains("Authorization", "Content-Type", VERSION, "If-Match", "If-None-Match"))
                .expectHeader().exists(HttpHeaders.ACCESS_CONTROL_MAX_AGE)
                .expectBody().isEmpty();
        preflight("https://elsewhere-" + tag + ".example").expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:origin-not-allowed");

        fromOrigin(origin, browser).expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposed -> assertThat(exposed)
                        .contains("ETag", "Last-Modified", VERSION, "X-Experience-API-Consistent-Through"))
                .expectHeader().value(HttpHeaders.VARY, vary -> assertThat(vary).contains("Origin"));
        // another page may not use a credential that does not name its origin, even when another credential does
        fromOrigin(origin, server).expectStatus().isForbidden()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:origin-not-allowed");
        fromOrigin("https://elsewhere-" + tag + ".example", browser).expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        // without Origin (a server, not a browser) the credential's origins do not matter
        send(HttpMethod.POST, "/xapi/statements", server, statement()).expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);

        web.delete().uri("/api/organizations/{o}/xapi-credentials/{k}", organization, browser.key())
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNoContent();
        preflight(origin).expectStatus().isForbidden();
    }

    private WebTestClient.ResponseSpec preflight(String origin) {
        return web.options().uri("/xapi/statements").header(HttpHeaders.ORIGIN, origin)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,x-experience-api-version")
                .exchange();
    }

    private WebTestClient.ResponseSpec fromOrigin(String origin, Issued credential) {
        return web.post().uri("/xapi/statements").header(VERSION, "1.0.3").header(HttpHeaders.ORIGIN, origin)
                .headers(h -> h.setBasicAuth(credential.key(), credential.secret()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(statement()).exchange();
    }

    @Test
    void aboutNeedsNeitherCredentialNorVersionAndHeadAnswersWithoutABody() {
        web.get().uri("/xapi/about").exchange().expectStatus().isOk()
                .expectHeader().valueEquals(VERSION, "1.0.3")
                .expectBody().json("{\"version\": [\"1.0.3\", \"1.0.2\", \"1.0.1\", \"1.0.0\"], \"extensions\": {}}", true);
        web.get().uri("/xapi/about").header(VERSION, "0.95").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:unsupported-xapi-version");
        web.head().uri("/xapi/about").exchange().expectStatus().isOk()
                .expectHeader().valueEquals(VERSION, "1.0.3")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().isEmpty();
        web.head().uri("/xapi/statements").header(VERSION, "1.0.3").exchange().expectStatus().isUnauthorized()
                .expectBody().isEmpty();
    }

    @Test
    void theAlternateSyntaxStandsForTheRequestItCarries() throws Exception {
        Issued credential = issue(List.of("statements/write"), null);
        String authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (credential.key() + ":" + credential.secret()).getBytes(StandardCharsets.UTF_8));
        UUID id = UUID.randomUUID();
        MultiValueMap<String, String> put = form(authorization, json.writeValueAsString(statement(id)));
        put.add("statementId", id.toString());
        alternate("PUT", put).expectStatus().isNoContent().expectHeader().valueEquals(VERSION, "1.0.3");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM xapi_statement WHERE statement_id = ?", Long.class, id))
                .isOne();
        UUID posted = UUID.randomUUID();
        alternate("POST", form(authorization, json.writeValueAsString(List.of(statement(posted)))))
                .expectStatus().isOk().expectBody().jsonPath("$[0]").isEqualTo(posted.toString());

        // the form's fields are the request's headers: without them, the request is what it would be without them
        MultiValueMap<String, String> unauthenticated = form(authorization, json.writeValueAsString(statement()));
        unauthenticated.remove("Authorization");
        alternate("POST", unauthenticated).expectStatus().isUnauthorized();
        MultiValueMap<String, String> unversioned = form(authorization, json.writeValueAsString(statement()));
        unversioned.remove(VERSION);
        alternate("POST", unversioned).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:missing-xapi-version");

        String alternateRefused = "urn:elearn:problem:invalid-alternate-request";
        web.post().uri("/xapi/statements?method=PUT&statementId=" + id).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(put)).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(alternateRefused);
        alternate("PATCH", put).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(alternateRefused);
        web.put().uri("/xapi/statements?method=PUT").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(put)).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(alternateRefused);
        web.post().uri("/xapi/statements?method=PUT").contentType(MediaType.TEXT_PLAIN).bodyValue("content=x")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(alternateRefused);
    }

    private static MultiValueMap<String, String> form(String authorization, String content) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("Authorization", authorization);
        form.add(VERSION, "1.0.3");
        form.add("Content-Type", "application/json");
        form.add("content", content);
        return form;
    }

    private WebTestClient.ResponseSpec alternate(String method, MultiValueMap<String, String> form) {
        return web.post().uri("/xapi/statements?method=" + method).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form)).exchange();
    }

    @Test
    void anyVersionOneZeroIsSpokenAndStatementsComeAsJson() {
        Issued credential = issue(List.of("statements/write"), null);
        for (String version : List.of("1.0", "1.0.0", "1.0.2", "1.0.3")) {
            web.post().uri("/xapi/statements").header(VERSION, version)
                    .headers(h -> h.setBasicAuth(credential.key(), credential.secret()))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(statement()).exchange()
                    .expectStatus().isOk().expectHeader().valueEquals(VERSION, "1.0.3");
        }
        for (String version : List.of("1.1.0", "2.0.0", "0.95", "")) {
            web.post().uri("/xapi/statements").header(VERSION, version)
                    .headers(h -> h.setBasicAuth(credential.key(), credential.secret()))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(statement()).exchange()
                    .expectStatus().isBadRequest().expectHeader().valueEquals(VERSION, "1.0.3");
        }
        web.post().uri("/xapi/statements").header(VERSION, "1.0.3")
                .headers(h -> h.setBasicAuth(credential.key(), credential.secret()))
                .contentType(MediaType.TEXT_PLAIN).bodyValue("{}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:unsupported-content-type");
    }

    @Test
    void headAndTheAlternateSyntaxReachTheDocumentResourcesToo() {
        Issued credential = issue(null, null);
        String activity = "https://content.example/protocol/" + tag;
        String agent = "{\"mbox\": \"mailto:learner+" + tag + "@example.org\"}";
        String state = "/xapi/activities/state?activityId={a}&agent={g}&stateId=bookmark";
        web.put().uri(state, activity, agent).header(VERSION, "1.0.3")
                .headers(h -> h.setBasicAuth(credential.key(), credential.secret()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("page", 3)).exchange()
                .expectStatus().isNoContent();
        web.head().uri(state, activity, agent).header(VERSION, "1.0.3")
                .headers(h -> h.setBasicAuth(credential.key(), credential.secret())).exchange()
                .expectStatus().isOk()
                .expectHeader().exists(HttpHeaders.ETAG)
                .expectHeader().valueEquals(VERSION, "1.0.3")
                .expectBody().isEmpty();

        MultiValueMap<String, String> get = new LinkedMultiValueMap<>();
        get.add("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                (credential.key() + ":" + credential.secret()).getBytes(StandardCharsets.UTF_8)));
        get.add(VERSION, "1.0.3");
        get.add("activityId", activity);
        get.add("agent", agent);
        get.add("stateId", "bookmark");
        web.post().uri("/xapi/activities/state?method=GET").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(get)).exchange()
                .expectStatus().isOk()
                .expectHeader().exists(HttpHeaders.ETAG)
                .expectBody().jsonPath("$.page").isEqualTo(3);
    }
}
