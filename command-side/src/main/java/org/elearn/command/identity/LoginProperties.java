package org.elearn.command.identity;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Password checks. Throttling: failures allowed per account from one client address, and per client
 * address across accounts, within a window. {@code trustedProxies} are the peer addresses (IP
 * literals or CIDR ranges) whose {@code X-Forwarded-For} names the client; anyone else's header is
 * ignored. {@code passwordHashCost} is bcrypt's cost (log2 of its rounds) for new password hashes:
 * {@value #DEFAULT_HASH_COST} unless set, between {@value #MIN_HASH_COST} and {@value #MAX_HASH_COST}.
 * A stored hash keeps the cost it was made with, so changing it never locks anyone out.
 */
@ConfigurationProperties("learning.login")
record LoginProperties(int maxFailuresPerAccount, int maxFailuresPerAddress, Duration window,
                       List<String> trustedProxies, Integer passwordHashCost) {

    static final int DEFAULT_HASH_COST = 10;
    static final int MIN_HASH_COST = 4;
    static final int MAX_HASH_COST = 31;

    LoginProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        passwordHashCost = passwordHashCost == null ? DEFAULT_HASH_COST : passwordHashCost;
        if (passwordHashCost < MIN_HASH_COST || passwordHashCost > MAX_HASH_COST) {
            throw new IllegalArgumentException("learning.login.password-hash-cost must be between " + MIN_HASH_COST
                    + " and " + MAX_HASH_COST + ", not " + passwordHashCost);
        }
    }
}
