package org.elearn.command.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Attempts counted per key within a window that starts at the key's first counted attempt: the
 * budget behind every throttle here (password checks, registrations, verification guesses). Keys
 * must hold no personal data: name an account by the hex of its email hash or by its user id.
 * Counters are per instance: with N instances a caller gets at most N times the budget.
 */
public final class AttemptCounter {

    private final int max;
    private final Duration window;
    private final Cache<String, AtomicInteger> counters;

    public AttemptCounter(int max, Duration window) {
        this.max = max;
        this.window = window;
        this.counters = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
    }

    public void record(String key) {
        counters.get(key, k -> new AtomicInteger()).incrementAndGet();
    }

    public void reset(String key) {
        counters.invalidate(key);
    }

    /** Whole seconds (at least 1) until this key's spent budget comes back; 0 when it is not spent. */
    public long blockedFor(String key) {
        AtomicInteger counter = counters.getIfPresent(key);
        if (counter == null || counter.get() < max) {
            return 0;
        }
        Duration age = counters.policy().expireAfterWrite().flatMap(p -> p.ageOf(key)).orElse(Duration.ZERO);
        long millis = window.minus(age).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
