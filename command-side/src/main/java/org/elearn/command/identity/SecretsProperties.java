package org.elearn.command.identity;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the command side keeps secrets that must live outside the database: the email-lookup HMAC
 * key and the token-signing key. Every command-side instance must see the same files.
 */
@ConfigurationProperties("learning.secrets")
public record SecretsProperties(Path dir) {
}
