package org.elearn.support.axon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.ErrorHandler;

/**
 * When each processor last failed a batch that the dead-letter queue could not absorb (the
 * database is away, a processor without a queue, the queue itself failing). Axon then releases
 * the segment and retries it after a back-off that doubles up to 60 s; its error status lasts only
 * until the release, so a health check asking Axon alone would mostly see a segment that keeps
 * failing as healthy. A processor counts as failing while its last failure is younger than the window.
 */
public class ProcessorFailures {

    private final Map<String, Instant> lastFailure = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration window;

    public ProcessorFailures(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /** Records every failure, then lets the delegate decide (Axon's default propagates, so the batch retries). */
    public ErrorHandler recording(ErrorHandler delegate) {
        return context -> {
            if (!(context.error() instanceof SavepointPerEvent.OneEventAtATime)) {
                lastFailure.put(context.eventProcessor(), clock.instant());
            }
            delegate.handleError(context);
        };
    }

    /** Whether the processor failed within the window. */
    public boolean failing(String processor) {
        Instant last = lastFailure.get(processor);
        return last != null && last.isAfter(clock.instant().minus(window));
    }
}
