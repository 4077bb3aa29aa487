package org.elearn.support.axon;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code learning.eventstore.*}.
 *
 * @param fetchDelay how long an idle processor waits before it polls the event store again
 */
@Validated
@ConfigurationProperties("learning.eventstore")
public record EventStoreProperties(@DefaultValue("100ms") @DurationMin(millis = 1) Duration fetchDelay) {
}
