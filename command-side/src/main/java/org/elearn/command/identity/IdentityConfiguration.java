package org.elearn.command.identity;

import org.elearn.support.privacy.EmailHasher;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.text.ParseException;
import java.util.Base64;
import org.elearn.support.privacy.ErasedSubjects;
import org.elearn.command.CommandSideSecrets;
import org.elearn.support.secrets.SecretFiles;
import org.elearn.support.secrets.SecretsProperties;
import org.elearn.support.security.AuthProperties;
import org.elearn.support.security.SecurityBaseline;
import org.elearn.support.security.SessionVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

/** Keys, hashing and token signing of the command side, which is the platform's token issuer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LoginProperties.class, OperatorProperties.class})
class IdentityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);

    @Bean
    EmailHasher emailHasher(SecretsProperties secrets) {
        String encoded = SecretFiles.readOrCreate(secrets.dir(), CommandSideSecrets.EMAIL_HMAC_KEY, EmailHasher::newEncodedKey);
        return new EmailHasher(Base64.getDecoder().decode(encoded));
    }

    /** The RSA key tokens are signed with; its public half is published as JWKS. */
    @Bean
    RSAKey signingKey(SecretsProperties secrets) {
        String json = SecretFiles.readOrCreate(secrets.dir(), CommandSideSecrets.SIGNING_KEY,
                CommandSideSecrets::newSigningKey);
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("the signing key file is not a JWK", e);
        }
    }

    @Bean
    JwtEncoder jwtEncoder(RSAKey signingKey) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signingKey)));
    }

    /** The command side validates its own tokens with the public key it holds, no HTTP round trip. */
    @Bean
    NimbusReactiveJwtDecoder jwtDecoder(RSAKey signingKey, AuthProperties auth, ErasedSubjects erased,
                                        SessionVersions sessions) throws JOSEException {
        return SecurityBaseline.withValidation(
                NimbusReactiveJwtDecoder.withPublicKey(signingKey.toRSAPublicKey()).build(), auth, erased, sessions);
    }

    /**
     * bcrypt at {@code learning.login.password-hash-cost} (10 by default). The tests' JVMs set it to 4,
     * the least bcrypt takes: at 10, hashing was over a quarter of their CPU.
     */
    @Bean
    PasswordEncoder passwordEncoder(LoginProperties login) {
        if (login.passwordHashCost() < LoginProperties.DEFAULT_HASH_COST) {
            log.warn("learning.login.password-hash-cost is {}, below the default {}: new password hashes are cheaper"
                    + " to guess; set it this low only for tests", login.passwordHashCost(), LoginProperties.DEFAULT_HASH_COST);
        }
        return new BCryptPasswordEncoder(login.passwordHashCost());
    }
}
