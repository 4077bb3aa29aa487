package org.elearn.command.rights;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks for cancellations whose cool-off has ended, every {@code learning.cancellation.check-interval},
 * and has them erased. Time is read from the {@link java.time.Clock} bean, so a test moves the clock
 * and calls {@link #run()} rather than waiting.
 */
@Component
public class CoolOffJob {

    private final CancellationService cancellations;

    CoolOffJob(CancellationService cancellations) {
        this.cancellations = cancellations;
    }

    @Scheduled(fixedDelayString = "${learning.cancellation.check-interval:1m}",
            initialDelayString = "${learning.cancellation.check-interval:1m}")
    void scheduled() {
        run();
    }

    /** @return how many accounts this run erased */
    public int run() {
        return cancellations.eraseDue();
    }
}
