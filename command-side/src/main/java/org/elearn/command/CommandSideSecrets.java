package org.elearn.command;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.elearn.support.privacy.EmailHasher;

/**
 * The command side's secret files in {@code learning.secrets.dir}, and how each is made. The
 * beans that read them create a missing one on first use; {@code generate-secrets <dir>} makes
 * them all ahead of a deployment that mounts them read-only (docs/operations.md, Deployment).
 */
public final class CommandSideSecrets {

    /** Keyed hash of normalised emails, for lookups that must not store the email. */
    public static final String EMAIL_HMAC_KEY = "email-hmac.key";
    /** Signs one-click unsubscribe links. */
    public static final String UNSUBSCRIBE_HMAC_KEY = "unsubscribe-hmac.key";
    /** Signs access tokens; its public half is the JWKS. */
    public static final String SIGNING_KEY = "jwt-signing.jwk";

    /** The first argument of the command side's {@code main} that writes the missing files and exits. */
    public static final String GENERATE = "generate-secrets";

    private CommandSideSecrets() {
    }

    /** Each file with its generator, in the order {@code generate-secrets} writes them. */
    public static Map<String, Supplier<String>> files() {
        Map<String, Supplier<String>> files = new LinkedHashMap<>();
        files.put(EMAIL_HMAC_KEY, EmailHasher::newEncodedKey);
        files.put(UNSUBSCRIBE_HMAC_KEY, EmailHasher::newEncodedKey);
        files.put(SIGNING_KEY, CommandSideSecrets::newSigningKey);
        return files;
    }

    /** A new token-signing key: RSA 2048 as a JWK, its id the key's thumbprint. */
    public static String newSigningKey() {
        try {
            return new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate().toJSONString();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the signing key", e);
        }
    }
}
