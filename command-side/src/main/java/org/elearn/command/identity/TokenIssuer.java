package org.elearn.command.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.elearn.support.security.AuthProperties;
import org.elearn.support.security.SessionVersions;
import org.elearn.tenancy.Roles;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Issues short-lived RS256 access tokens: subject = user id, plus organization and roles. */
@Component
class TokenIssuer {

    private final JwtEncoder encoder;
    private final AuthProperties auth;
    private final Clock clock;

    TokenIssuer(JwtEncoder encoder, AuthProperties auth) {
        this.encoder = encoder;
        this.auth = auth;
        this.clock = Clock.systemUTC();
    }

    /** The response of a successful login. */
    record AccessToken(String accessToken, String tokenType, long expiresIn) {
    }

    AccessToken issue(UUID userId, List<String> roles, UUID organizationId, int sessionVersion) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(auth.issuer())
                .audience(List.of(auth.audience()))
                .subject(userId.toString())
                .issuedAt(now)
                .expiresAt(now.plus(auth.tokenTtl()))
                .id(UUID.randomUUID().toString())
                .claim(Roles.CLAIM, roles)
                .claim(SessionVersions.CLAIM, sessionVersion);
        if (organizationId != null) {
            claims.claim(Roles.ORGANIZATION_CLAIM, organizationId.toString());
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new AccessToken(token, "Bearer", auth.tokenTtl().toSeconds());
    }
}
