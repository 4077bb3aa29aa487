package org.elearn.command.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.elearn.command.web.TestTokens;
import org.elearn.support.security.AuthProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The xAPI protocol around the LRS's resources, over HTTP: scopes, CORS, About, HEAD, alternate syntax, versions. */
@CommandSideTest
class XapiProtocolTest {

    static final String VERSION = "X-Experience-API-Version";

    @Autowired
    WebTestClient web;
    @Autowired
    RSAKey signingKey;
    @Autowired
    AuthProperties auth;

    private final UUID organization = UUID.randomUUID();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private String admin;

    @BeforeEach
    void setUp() throws Exception {
        admin = TestTokens.orgAdmin(signingKey, auth, organization);
    }

    private record Issued(String key, String secret) {
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> issueRaw(Map<String, Object> body) {
        return web.post().uri("/api/organizations/{o}/xapi-credentials", organization)
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
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
}
