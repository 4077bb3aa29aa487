package org.elearn.support.secrets;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code learning.secrets.dir} ({@code LEARNING_SECRETS_DIR}): where a side keeps the secrets that
 * must live outside the database. The command side keeps the email-lookup HMAC key and the
 * token-signing key there, the query side its projection-index HMAC key and, unless configured
 * otherwise, the audit signing key. Every instance of a side must see the same files.
 */
@Validated
@ConfigurationProperties("learning.secrets")
public record SecretsProperties(@NotNull Path dir) {
}
