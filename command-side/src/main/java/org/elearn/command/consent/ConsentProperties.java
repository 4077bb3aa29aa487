package org.elearn.command.consent;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code learning.consent.*}: the version of the policy text users answer now, the purposes this
 * deployment adds to the standard ones, and the public address that one-click unsubscribe links
 * point at (HTTPS in production: RFC 8058 requires it).
 */
@ConfigurationProperties("learning.consent")
record ConsentProperties(@DefaultValue("1") String policyVersion, @DefaultValue List<String> extraPurposes,
                         @DefaultValue("http://localhost:8080") URI publicBaseUrl) {
}
