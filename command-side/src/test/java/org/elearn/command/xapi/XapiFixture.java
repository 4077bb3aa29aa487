package org.elearn.command.xapi;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.elearn.command.web.TestTokens;
import org.elearn.support.security.AuthProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every command-side xAPI test sets up: an organization of its own with an administrator's
 * token, its members, and credentials issued through the HTTP API, with the headers a request to the
 * LRS carries (Basic and the version header). Made per test from the running context, so it adds no
 * bean and no context of its own.
 */
public final class XapiFixture {

    public static final String VERSION = "X-Experience-API-Version";

    /** An issued credential: the key and the secret shown once, and the whole answer. */
    public record Credential(String key, String secret, Map<String, Object> issued) {

        /** Basic with this credential and the version header, as an xAPI client sends them. */
        public Consumer<HttpHeaders> headers() {
            return h -> {
                h.setBasicAuth(key, secret);
                h.set(VERSION, "1.0.3");
            };
        }
    }

    private final WebTestClient web;
    private final JdbcTemplate jdbc;
    private final RSAKey signingKey;
    private final AuthProperties auth;
    /** The organization, new for each fixture. */
    public final UUID organization = UUID.randomUUID();
    /** A tag unique to the fixture, for labels, emails and ids. */
    public final String tag = UUID.randomUUID().toString().substring(0, 8);
    /** The organization's administrator's bearer token. */
    public final String admin;
    /** {@code learning.xapi.account-home-page}: the home page of members' accounts. */
    public final String homePage;

    private XapiFixture(ApplicationContext context) throws JOSEException {
        this.web = context.getBean(WebTestClient.class);
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.signingKey = context.getBean(RSAKey.class);
        this.auth = context.getBean(AuthProperties.class);
        this.homePage = context.getEnvironment().getRequiredProperty("learning.xapi.account-home-page");
        this.admin = adminOf(organization);
    }

    /** A new organization with its administrator, in the test's running context. */
    public static XapiFixture in(ApplicationContext context) throws JOSEException {
        return new XapiFixture(context);
    }

    /** A bearer token of an administrator of that organization. */
    public String adminOf(UUID org) throws JOSEException {
        return TestTokens.orgAdmin(signingKey, auth, org);
    }

    /** Imports a member with this email into the organization, which has no other member; their member id. */
    public UUID importMember(String email) throws JOSEException {
        return importMember(organization, email);
    }

    /** Imports a member with this email into an organization that has no other member; their member id. */
    public UUID importMember(UUID org, String email) throws JOSEException {
        String token = org.equals(organization) ? admin : adminOf(org);
        web.post().uri("/api/organizations/{id}/member-imports", org).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(("name,phone,email,department\r\nSome One,," + email + ",Sales\r\n")
                        .getBytes(StandardCharsets.UTF_8))
                .exchange().expectStatus().is2xxSuccessful();
        return jdbc.queryForObject("SELECT member_id FROM member_directory WHERE organization_id = ?", UUID.class, org);
    }

    /** A credential of the organization with the default scopes, accepting anyone as actor. */
    public Credential issue() {
        return issue(Map.of());
    }

    /** A credential of the organization; {@code request} adds to or overrides the label and refusesUnknownActors. */
    public Credential issue(Map<String, Object> request) {
        return issue(organization, admin, request);
    }

    /** A credential of another organization, issued by that organization's administrator. */
    public Credential issue(UUID org, String token, Map<String, Object> request) {
        Map<String, Object> body = new HashMap<>(Map.of("label", "LMS " + tag, "refusesUnknownActors", false));
        body.putAll(request);
        @SuppressWarnings("unchecked")
        Map<String, Object> issued = web.post().uri("/api/organizations/{o}/xapi-credentials", org)
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return new Credential(issued.get("key").toString(), issued.get("secret").toString(), issued);
    }

    /** The agent that names a member: an account of the home page whose name is the member id. */
    public Map<String, Object> byAccount(UUID member) {
        return Map.of("objectType", "Agent", "account", Map.of("homePage", homePage, "name", member.toString()));
    }
}
