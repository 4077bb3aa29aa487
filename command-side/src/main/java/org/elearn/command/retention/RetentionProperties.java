package org.elearn.command.retention;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code learning.retention.*}: the retention job. Its schedule, {@code interval} (1h) and
 * {@code initial-delay} (5m), is read by {@link RetentionJob}'s {@code @Scheduled}.
 *
 * @param chunk members erased per transaction
 */
@Validated
@ConfigurationProperties("learning.retention")
record RetentionProperties(@DefaultValue("500") @Positive int chunk) {
}
