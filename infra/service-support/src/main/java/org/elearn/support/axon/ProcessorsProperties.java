package org.elearn.support.axon;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code learning.processors.*}: how the instances of a side share the processors' segments, and
 * when a failing processor takes readiness DOWN.
 *
 * @param heartbeatInterval how often each instance refreshes its row in {@code processor_instance}
 *                          (the segment balancer counts the live instances by it)
 * @param failingWindow     a processor whose last failed batch is more recent than this keeps the
 *                          {@code eventProcessors} health check DOWN
 */
@Validated
@ConfigurationProperties("learning.processors")
public record ProcessorsProperties(@DefaultValue("2s") @DurationMin(millis = 1) Duration heartbeatInterval,
                                   @DefaultValue("2m") @DurationMin(millis = 1) Duration failingWindow) {
}
