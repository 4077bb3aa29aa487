package org.elearn.command.web;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Instant;
import org.elearn.command.CommandSideTest;
import org.elearn.support.security.AuthProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Only tokens this platform signed, for this API, and still valid, get in. */
@CommandSideTest
class TokenValidationTest {

    @Autowired
    WebTestClient web;
    @Autowired
    RSAKey signingKey;
    @Autowired
    AuthProperties auth;

    private WebTestClient.ResponseSpec me(String token) {
        return web.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange();
    }

    private void rejected(String token) {
        me(token).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:invalid-token");
    }

    @Test
    void missingTokenIs401() {
        web.get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:unauthenticated");
    }

    @Test
    void handSignedValidTokenIsAccepted() throws Exception {
        // the control for the refusals below: same construction, nothing wrong with it
        me(TestTokens.sign(signingKey, TestTokens.claims(auth.issuer(), auth.audience(),
                Instant.now().plusSeconds(300)).build()))
                .expectStatus().isOk();
    }

    @Test
    void expiredTokenIs401() throws Exception {
        rejected(TestTokens.sign(signingKey, TestTokens.claims(auth.issuer(), auth.audience(),
                Instant.now().minusSeconds(600)).build()));
    }

    @Test
    void forgedTokenIs401() throws Exception {
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(signingKey.getKeyID()).generate();
        rejected(TestTokens.sign(attacker, TestTokens.claims(auth.issuer(), auth.audience(),
                Instant.now().plusSeconds(300)).build()));
    }

    @Test
    void wrongAudienceIs401() throws Exception {
        rejected(TestTokens.sign(signingKey, TestTokens.claims(auth.issuer(), "urn:someone-else",
                Instant.now().plusSeconds(300)).build()));
    }

    @Test
    void wrongIssuerIs401() throws Exception {
        rejected(TestTokens.sign(signingKey, TestTokens.claims("urn:someone-else", auth.audience(),
                Instant.now().plusSeconds(300)).build()));
    }

    @Test
    void garbageTokenIs401() {
        rejected("not.a.jwt");
    }

    @Test
    void operatorSeesMetricsButAnInstructorDoesNot() {
        String operator = TestTokens.login(web, "operator@test.example", "operator-password-123");
        web.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(operator)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
                        .contains("jvm_memory_used_bytes"));
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }
}
