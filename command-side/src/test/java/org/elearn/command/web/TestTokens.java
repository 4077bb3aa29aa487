package org.elearn.command.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Tokens for tests: real logins, and hand-signed tokens to prove what validation refuses. */
public final class TestTokens {

    private TestTokens() {
    }

    /** The operator every command-side test starts with (see {@code CommandSideTest}). */
    public static String operator(WebTestClient web) {
        return login(web, "operator@test.example", "operator-password-123");
    }

    public static String login(WebTestClient web, String email, String password) {
        return web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();
    }

    public static JWTClaimsSet.Builder claims(String issuer, String audience, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(UUID.randomUUID().toString())
                .issueTime(Date.from(expiresAt.minusSeconds(900)))
                .expirationTime(Date.from(expiresAt))
                .claim("roles", List.of("OPERATOR"));
    }

    /** A hand-signed token of an administrator of this organization, valid for five minutes. */
    public static String orgAdmin(RSAKey key, org.elearn.support.security.AuthProperties auth, UUID organization)
            throws JOSEException {
        return sign(key, claims(auth.issuer(), auth.audience(), Instant.now().plusSeconds(300))
                .claim("roles", List.of("ORG_ADMIN")).claim("org", organization.toString()).build());
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
