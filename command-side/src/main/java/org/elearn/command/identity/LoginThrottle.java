package org.elearn.command.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.elearn.support.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Counts failed password checks per account <em>and client address together</em>, and per client
 * address across accounts, within a window. Keying the account's budget by the pair means a stranger
 * who spends it locks out only themselves: the owner, from their own address, still logs in. The
 * address budget stops one address from trying many accounts. Accounts are named by the hex of their
 * email hash or by their user id, never the email. Counters are per instance: with N instances an
 * attacker gets at most N times the budget, which is still bounded.
 */
@Component
class LoginThrottle {

    private final LoginProperties limits;
    private final Cache<String, AtomicInteger> byPair;
    private final Cache<String, AtomicInteger> byAddress;

    LoginThrottle(LoginProperties limits) {
        this.limits = limits;
        this.byPair = Caffeine.newBuilder().expireAfterWrite(limits.window()).maximumSize(100_000).build();
        this.byAddress = Caffeine.newBuilder().expireAfterWrite(limits.window()).maximumSize(100_000).build();
    }

    /** Refuses (429, with the seconds until the oldest blocking counter expires) once a budget is spent. */
    void check(String account, String address) {
        long waitPair = blockedFor(byPair, pair(account, address), limits.maxFailuresPerAccount());
        long waitAddress = blockedFor(byAddress, address, limits.maxFailuresPerAddress());
        long wait = Math.max(waitPair, waitAddress);
        if (wait > 0) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too-many-login-attempts",
                    "Too many failed password checks. Try again later.", Map.of("retryAfterSeconds", wait));
        }
    }

    void recordFailure(String account, String address) {
        byPair.get(pair(account, address), k -> new AtomicInteger()).incrementAndGet();
        byAddress.get(address, k -> new AtomicInteger()).incrementAndGet();
    }

    void recordSuccess(String account, String address) {
        byPair.invalidate(pair(account, address));
    }

    /** Whole seconds (at least 1) until this spent counter expires; 0 when it is not spent. */
    private long blockedFor(Cache<String, AtomicInteger> cache, String key, int max) {
        AtomicInteger counter = cache.getIfPresent(key);
        if (counter == null || counter.get() < max) {
            return 0;
        }
        Duration age = cache.policy().expireAfterWrite().flatMap(p -> p.ageOf(key)).orElse(Duration.ZERO);
        long millis = limits.window().minus(age).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private static String pair(String account, String address) {
        return account + "|" + address;
    }
}
