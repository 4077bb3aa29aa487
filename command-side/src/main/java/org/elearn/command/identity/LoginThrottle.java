package org.elearn.command.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account (by email hash, never the email) and per client address within
 * a window. Counters are per instance: with N instances an attacker gets at most N times the budget,
 * which is still bounded.
 */
@Component
class LoginThrottle {

    private final LoginProperties limits;
    private final Cache<String, AtomicInteger> byAccount;
    private final Cache<String, AtomicInteger> byAddress;

    LoginThrottle(LoginProperties limits) {
        this.limits = limits;
        this.byAccount = Caffeine.newBuilder().expireAfterWrite(limits.window()).maximumSize(100_000).build();
        this.byAddress = Caffeine.newBuilder().expireAfterWrite(limits.window()).maximumSize(100_000).build();
    }

    boolean isBlocked(byte[] emailHash, String address) {
        return count(byAccount, key(emailHash)) >= limits.maxFailuresPerAccount()
                || count(byAddress, address) >= limits.maxFailuresPerAddress();
    }

    void recordFailure(byte[] emailHash, String address) {
        byAccount.get(key(emailHash), k -> new AtomicInteger()).incrementAndGet();
        byAddress.get(address, k -> new AtomicInteger()).incrementAndGet();
    }

    void recordSuccess(byte[] emailHash) {
        byAccount.invalidate(key(emailHash));
    }

    long retryAfterSeconds() {
        return limits.window().toSeconds();
    }

    private static int count(Cache<String, AtomicInteger> cache, String key) {
        AtomicInteger counter = cache.getIfPresent(key);
        return counter == null ? 0 : counter.get();
    }

    private static String key(byte[] emailHash) {
        return HexFormat.of().formatHex(emailHash);
    }
}
