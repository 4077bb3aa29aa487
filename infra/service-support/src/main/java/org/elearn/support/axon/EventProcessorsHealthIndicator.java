package org.elearn.support.axon;

import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Readiness of the event processors: DOWN while any streaming processor is stopped or in error, so
 * an instance whose projections are not moving takes no traffic.
 */
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            boolean running = processor.isRunning();
            boolean error = processor instanceof StreamingEventProcessor streaming && streaming.isError();
            healthy &= running && !error;
            builder.withDetail(entry.getKey(), Map.of("running", running, "error", error));
        }
        if (healthy) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
