package org.elearn.command.identity;

import java.util.Map;
import org.elearn.command.CommandSideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Failed logins are limited per account and per client address; a blocked login stays blocked. */
@CommandSideTest
@TestPropertySource(properties = {"learning.login.max-failures-per-account=3",
        "learning.login.max-failures-per-address=6"})
class LoginThrottleTest {

    @Autowired
    WebTestClient web;

    private WebTestClient.ResponseSpec login(String email, String password) {
        return web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
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
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:too-many-login-attempts");
        // the address budget (6) is spent by the 3 above plus 3 more on other accounts
        for (int i = 0; i < 3; i++) {
            login("nobody-" + i + "@example.com", "whatever-password").expectStatus().isUnauthorized();
        }
        login("someone-else@example.com", "whatever-password").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }
}
