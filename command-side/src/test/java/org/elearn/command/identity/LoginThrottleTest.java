package org.elearn.command.identity;

import java.util.Map;
import org.elearn.command.CommandSideTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Failed password checks are limited per account from one client address and per client address;
 * a blocked login stays blocked, says when to retry, and blocks nobody at another address. The test
 * client connects over loopback, a trusted proxy by default, so {@code X-Forwarded-For} plays other clients.
 */
@CommandSideTest
@TestPropertySource(properties = {"learning.login.max-failures-per-account=3",
        "learning.login.max-failures-per-address=6"})
class LoginThrottleTest {

    @LocalServerPort
    int port;

    /** Over the network, so the server sees the client's address (the auto-configured client has none). */
    private WebTestClient web;

    @BeforeEach
    void connect() {
        // 60 s, not 5: the first logins of a fresh context on a loaded 2-core machine can take longer
        web = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(60)).build();
    }

    private WebTestClient.ResponseSpec login(String email, String password) {
        return login(email, password, null);
    }

    private WebTestClient.ResponseSpec login(String email, String password, String from) {
        return web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (from != null) {
                        h.set("X-Forwarded-For", from);
                    }
                })
                .bodyValue(Map.of("email", email, "password", password)).exchange();
    }

    @Test
    void wrongPasswordIs401ThenTheAccountIsBlockedEvenForTheRightPassword() {
        login("operator@test.example", "operator-password-123").expectStatus().isOk();
        for (int i = 0; i < 3; i++) {
            login("operator@test.example", "wrong-password").expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:invalid-credentials");
        }
        login("operator@test.example", "operator-password-123")
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, value -> org.assertj.core.api.Assertions
                        .assertThat(Long.parseLong(value)).isBetween(1L, 900L))
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:too-many-login-attempts");
        // the address budget (6) is spent by the 3 above plus 3 more on other accounts
        for (int i = 0; i < 3; i++) {
            login("nobody-" + i + "@example.com", "whatever-password").expectStatus().isUnauthorized();
        }
        login("someone-else@example.com", "whatever-password").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER);
    }

    @Test
    void aStrangerWhoSpendsAnAccountsBudgetLocksOutOnlyThemselves() {
        for (int i = 0; i < 5; i++) {
            login("operator@test.example", "wrong-password", "198.51.100.1");
        }
        login("operator@test.example", "operator-password-123", "198.51.100.1")
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS).expectHeader().exists(HttpHeaders.RETRY_AFTER);
        login("operator@test.example", "operator-password-123", "198.51.100.2").expectStatus().isOk();
    }

    @Test
    void wrongCurrentPasswordsAreThrottledLikeLogins() {
        String token = login("operator@test.example", "operator-password-123", "198.51.100.3").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();
        for (int i = 0; i < 3; i++) {
            changePassword(token, "wrong-password", "198.51.100.3").expectStatus().isForbidden()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:wrong-password");
        }
        changePassword(token, "operator-password-123", "198.51.100.3")
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS).expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:too-many-login-attempts");
    }

    private WebTestClient.ResponseSpec changePassword(String token, String current, String from) {
        return web.post().uri("/api/me/password").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("X-Forwarded-For", from);
                })
                .bodyValue(Map.of("currentPassword", current, "newPassword", "a-new-password-long-enough"))
                .exchange();
    }
}
