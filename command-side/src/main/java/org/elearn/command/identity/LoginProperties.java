package org.elearn.command.identity;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Password-check throttling: failures allowed per account from one client address, and per client
 * address across accounts, within a window. {@code trustedProxies} are the peer addresses (IP
 * literals or CIDR ranges) whose {@code X-Forwarded-For} names the client; anyone else's header is ignored.
 */
@ConfigurationProperties("learning.login")
record LoginProperties(int maxFailuresPerAccount, int maxFailuresPerAddress, Duration window,
                       List<String> trustedProxies) {

    LoginProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
