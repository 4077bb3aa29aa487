package org.elearn.support.axon;

import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Readiness of the event processors: DOWN while any streaming processor is stopped, in error, or
 * keeps failing a segment (see {@link ProcessorFailures}), so an instance whose projections are not
 * moving takes no traffic. Events parked in the dead-letter queue do not count: the processor has
 * moved past them ({@link DeadLettersHealthIndicator} reports those).
 */
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final ProcessorFailures failures;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing, ProcessorFailures failures) {
        this.processing = processing;
        this.failures = failures;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            boolean running = processor.isRunning();
            boolean error = processor instanceof StreamingEventProcessor streaming && (streaming.isError()
                    || streaming.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState));
            boolean failing = failures.failing(entry.getKey());
            healthy &= running && !error && !failing;
            builder.withDetail(entry.getKey(), Map.of("running", running, "error", error, "failing", failing));
        }
        if (healthy) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
