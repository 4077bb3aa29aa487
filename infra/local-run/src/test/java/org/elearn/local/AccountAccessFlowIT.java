package org.elearn.local;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * On both services: deactivating a member ends their sessions everywhere,
 * refuses their login and the statements naming them, and reactivation restores them; the dashboard's
 * login pass-through counts failures against each client's address, not the query side's. The query
 * side here takes the client's address from {@code X-Forwarded-For}, as behind a reverse proxy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountAccessFlowIT {

    private LocalApi api;
    private String operator;
    private UUID organization;
    private LocalApi.Admin admin;

    @BeforeAll
    void start() {
        api = new LocalApi(TestDatabases.create(), "target/account-access-secrets",
                Map.of("server.forward-headers-strategy", "native"));
        operator = api.operator();
        organization = api.organization(operator, "Access Training");
        admin = api.approvedAdmin(operator, organization, "Pat", "pat-" + UUID.randomUUID() + "@org.example");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void deactivationEndsSessionsRefusesLoginAndStatementsUntilReactivation() {
        String email = "tia-" + UUID.randomUUID() + "@org.example";
        // imported first, then invited: an imported member has the record that deactivation changes
        api.command().post().uri("/api/organizations/{id}/member-imports", organization)
                .headers(h -> h.setBearerAuth(admin.token())).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\nTia Import,," + email + ",Sales\r\n")
                .exchange().expectStatus().isOk();
        String token = api.joined(operator, admin.token(), organization, email, "TRAINEE");
        UUID member = UUID.fromString(api.command().get().uri("/api/me").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody()
                .get("userId").toString());
        LocalApi.XapiCredential xapi = api.xapiCredential(admin.token(), organization);
        api.ingest(xapi, LocalApi.experienced(email, "PT1M"));
        api.query().get().uri("/api/me/learning").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk();

        api.command().post().uri("/api/organizations/{o}/members/{m}/deactivation", organization, member)
                .headers(h -> h.setBearerAuth(admin.token())).exchange().expectStatus().isNoContent();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            api.command().get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized();
            api.query().get().uri("/api/me/learning").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized();
        });
        login(email).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:account-deactivated");
        statements(xapi, List.of(LocalApi.experienced("someone-else@org.example", "PT1M"),
                LocalApi.experienced(email, "PT2M")))
                .expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:member-deactivated")
                .jsonPath("$.statement").isEqualTo(1);

        api.command().post().uri("/api/organizations/{o}/members/{m}/reactivation", organization, member)
                .headers(h -> h.setBearerAuth(admin.token())).exchange().expectStatus().isNoContent();

        String again = login(email).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody()
                .get("accessToken").toString();
        api.query().get().uri("/api/me/learning").headers(h -> h.setBearerAuth(again)).exchange()
                .expectStatus().isOk();
        api.ingest(xapi, LocalApi.experienced(email, "PT3M"));
        // the tokens issued before the deactivation stay refused
        api.command().get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void dashboardLoginFailuresFromOneAddressLockNobodyElsewhere() {
        for (int i = 0; i < 5; i++) {
            dashboardLogin(admin.email(), "wrong-password", "203.0.113.1").expectStatus().isUnauthorized();
        }
        dashboardLogin(admin.email(), "long-enough-password", "203.0.113.1").expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:too-many-login-attempts");
        dashboardLogin(admin.email(), "long-enough-password", "203.0.113.2").expectStatus().isOk();
        dashboardLogin(LocalApi.OPERATOR_EMAIL, LocalApi.OPERATOR_PASSWORD, "203.0.113.1").expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec login(String email) {
        return api.command().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "long-enough-password")).exchange();
    }

    private WebTestClient.ResponseSpec dashboardLogin(String email, String password, String from) {
        return api.query().post().uri("/dashboard/login").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", from)
                .bodyValue(Map.of("email", email, "password", password)).exchange();
    }

    private WebTestClient.ResponseSpec statements(LocalApi.XapiCredential credential, Object statements) {
        return api.command().post().uri("/xapi/statements").headers(h -> {
            h.setBasicAuth(credential.key(), credential.secret());
            h.set("X-Experience-API-Version", "1.0.3");
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(statements).exchange();
    }
}
