package org.elearn.query.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code learning.console.*}.
 *
 * @param commandSideUri where the console's pass-through sends command-side routes (the command
 *                       side's base URI, e.g. {@code http://localhost:8080}); empty: the scheme, host
 *                       and port of {@code learning.auth.jwks-uri}, which is the command side's
 */
@ConfigurationProperties("learning.console")
record ConsoleProperties(@DefaultValue("") String commandSideUri) {
}
