package org.elearn.support.axon;

import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * DOWN while any event is parked in a dead-letter queue, with the count per processing group. It
 * belongs to the {@code processors} health group, which alerts an operator; readiness leaves it out,
 * because one parked event must not take a whole instance out of the load balancer.
 */
public class DeadLettersHealthIndicator extends AbstractHealthIndicator {

    private final DeadLetters deadLetters;

    public DeadLettersHealthIndicator(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Long> counts = deadLetters.counts();
        builder.withDetails(Map.copyOf(counts));
        if (counts.values().stream().allMatch(count -> count == 0)) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
