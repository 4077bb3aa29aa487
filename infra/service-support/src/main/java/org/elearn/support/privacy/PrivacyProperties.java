package org.elearn.support.privacy;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code learning.privacy.*}.
 *
 * @param compactionDelay the compaction after erasure runs this long after the last erasure, so a
 *                        burst of erasures is compacted once
 */
@Validated
@ConfigurationProperties("learning.privacy")
public record PrivacyProperties(@DefaultValue("30s") @DurationMin(millis = 0) Duration compactionDelay) {
}
