package org.elearn.query.rebuild;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code learning.rebuild.*}: projection rebuilds.
 *
 * @param staleAfter a rebuild whose instance has not reported progress for this long may be taken
 *                   over by another instance
 * @param batchSize  events the rebuild's processor handles per transaction
 */
@Validated
@ConfigurationProperties("learning.rebuild")
record RebuildProperties(@DefaultValue("2m") @DurationMin(seconds = 1) Duration staleAfter,
                         @DefaultValue("1000") @Positive int batchSize) {
}
