package org.elearn.support.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token settings shared by the issuer (command side) and every validator.
 *
 * @param issuer the {@code iss} every token carries
 * @param audience the {@code aud} every token must carry
 * @param tokenTtl how long an access token lives
 * @param jwksUri where a validator fetches the issuer's public keys (query side)
 */
@ConfigurationProperties("learning.auth")
public record AuthProperties(String issuer, String audience, Duration tokenTtl, String jwksUri) {

    public AuthProperties {
        issuer = issuer == null ? "urn:elearn:command-side" : issuer;
        audience = audience == null ? "urn:elearn:api" : audience;
        tokenTtl = tokenTtl == null ? Duration.ofMinutes(15) : tokenTtl;
        jwksUri = jwksUri == null ? "http://localhost:8080/.well-known/jwks.json" : jwksUri;
    }
}
