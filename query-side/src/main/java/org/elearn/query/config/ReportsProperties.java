package org.elearn.query.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code learning.reports.*}: the limits of the learning report's streams, exports and replays on
 * one query-side instance.
 *
 * @param maxStreams     report streams (SSE and NDJSON) open at once; one more gets
 *                       {@code 503 streams-busy}
 * @param heartbeat      a stream with nothing to send writes a heartbeat this often
 * @param streamPageRows rows per database read of a stream's snapshot or resume
 * @param feedInterval   how long the change feed gathers change notifications before it reads the
 *                       changed rows once for every stream
 * @param feedReadRows   changed rows the feed reads (and holds, serialized) at most at once; more
 *                       pending are read right after, in reads of this size
 * @param export         file exports (learning report CSV and XLSX, member list CSV)
 * @param pointInTime    point-in-time report replays
 */
@Validated
@ConfigurationProperties("learning.reports")
public record ReportsProperties(@DefaultValue("1000") @Positive int maxStreams,
                                @DefaultValue("15s") @DurationMin(millis = 1) Duration heartbeat,
                                @DefaultValue("250") @Positive int streamPageRows,
                                @DefaultValue("100ms") @DurationMin(millis = 1) Duration feedInterval,
                                @DefaultValue("1000") @Positive int feedReadRows,
                                @DefaultValue @Valid Export export,
                                @DefaultValue @Valid PointInTime pointInTime) {

    /** @param concurrency exports at once; one more gets {@code 503 exports-busy} */
    public record Export(@DefaultValue("4") @Positive int concurrency) {
    }

    /** @param concurrency replays at once; one more gets {@code 503} with {@code Retry-After} */
    public record PointInTime(@DefaultValue("2") @Positive int concurrency) {
    }
}
