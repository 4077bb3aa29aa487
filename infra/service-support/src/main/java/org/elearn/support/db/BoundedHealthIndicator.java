package org.elearn.support.db;

import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * A health check that answers within a bound: DOWN when the check it wraps has not answered by then.
 * Spring Boot's database checks wait for a connection as long as the pool lets them, and a readiness
 * probe that gets no answer within its own timeout counts as a failure without a reason, as late as
 * the pool gives up.
 */
public final class BoundedHealthIndicator implements ReactiveHealthIndicator {

    private final ReactiveHealthIndicator check;
    private final Duration bound;

    public BoundedHealthIndicator(ReactiveHealthIndicator check, Duration bound) {
        this.check = check;
        this.bound = bound;
    }

    @Override
    public Mono<Health> health() {
        // the abandoned check (a blocking one on a bounded-elastic thread) ends when its pool gives up
        return check.health().timeout(bound, Mono.fromSupplier(() -> Health.down()
                .withDetail("error", "no answer within " + bound.toMillis() + " ms").build()));
    }
}
