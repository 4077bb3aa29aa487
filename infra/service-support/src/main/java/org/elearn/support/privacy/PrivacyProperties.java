package org.elearn.support.privacy;

import java.nio.file.Path;
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
 * @param erasureLog the file listing every erasure ({@link ErasureLog}), outside the database and
 *                   its backups; unset: {@code erasure-log} in {@code learning.secrets.dir}
 */
@Validated
@ConfigurationProperties("learning.privacy")
public record PrivacyProperties(@DefaultValue("30s") @DurationMin(millis = 0) Duration compactionDelay,
                                Path erasureLog) {
}
