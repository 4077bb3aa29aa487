package org.elearn.command.rights;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code learning.cancellation.*}: how long a cancelled account waits before it is erased
 * ({@code cool-off}, 14 days), and how often the job looks for cool-offs that ended
 * ({@code check-interval}, read by {@link CoolOffJob}).
 */
@ConfigurationProperties("learning.cancellation")
record CancellationProperties(@DefaultValue("14d") Duration coolOff, @DefaultValue("1m") Duration checkInterval) {

    CancellationProperties {
        if (coolOff.isNegative()) {
            throw new IllegalArgumentException("learning.cancellation.cool-off cannot be negative");
        }
    }
}
