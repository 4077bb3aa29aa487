package org.elearn.query.report.stream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.elearn.query.config.ReportsProperties;
import org.elearn.query.report.projection.ReportChanges;
import org.elearn.query.report.query.ReportRow;
import org.elearn.query.report.query.ReportSql;
import org.elearn.query.sealing.ProjectionCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The changed rows of the learning report, read once per instance for every stream. Change
 * notifications are gathered for {@code learning.reports.feed-interval} (100 ms); the changed rows
 * are then read in one query and each is serialized to JSON once. Every learning-report stream of
 * this instance receives the same batch and picks, in memory, the rows its filters let through.
 * Without this each stream re-read its own changed rows: with 200 dashboards open, 200 queries
 * and 200 serializations of every change.
 *
 * <p>A read takes at most {@code learning.reports.feed-read-rows} (1,000) changed rows, oldest
 * change first; what is left is read right after, one bounded read at a time. Reading every
 * pending row at once let a read that fell behind (a loaded machine, a slow query) make the next
 * one larger and slower still, until one read of a whole organization's rows and their encoded
 * messages exhausted the heap, and the feed, stopped by the error, served no stream again.
 */
@Component
class ReportFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReportFeed.class);

    /**
     * A row as streams see it. {@code frames} is its message, encoded; null means it left every
     * named report (erased, restricted, gone), and {@code removal} is then its removal, encoded.
     * {@code readAt} is when the read that produced it began ({@link System#nanoTime()}).
     */
    record Row(UUID traineeId, UUID organizationId, String department, String status, OffsetDateTime lastActivity,
               long version, Frames frames, Frames removal, long readAt) {

        boolean visible() {
            return frames != null;
        }
    }

    /** Messages encoded once for every stream: as SSE events and as NDJSON lines. */
    record Frames(byte[] sse, byte[] line) {

        /** The larger of the two encodings, in bytes: what one write of these frames may take. */
        int size() {
            return Math.max(sse.length, line.length);
        }

        static Frames join(List<Frames> parts) {
            ByteArrayOutputStream sse = new ByteArrayOutputStream();
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            for (Frames part : parts) {
                sse.writeBytes(part.sse());
                lines.writeBytes(part.line());
            }
            return new Frames(sse.toByteArray(), lines.toByteArray());
        }
    }

    /**
     * The changed rows of one interval, by trainee, oldest version first, and by organization. A
     * trainee that left every report maps to an invisible row.
     */
    record Batch(Map<UUID, Row> rows, boolean resync, Map<UUID, List<Row>> byOrganization,
                 Map<UUID, List<Frames>> chunks) {

        Batch(Map<UUID, Row> rows, boolean resync) {
            this(rows, resync, rows.values().stream().collect(Collectors.groupingBy(Row::organizationId,
                    LinkedHashMap::new, Collectors.toList())), new ConcurrentHashMap<>());
        }

        /**
         * Everything an unfiltered stream of the organization sends for this batch, encoded once
         * for all of them: each visible row, and a removal for each invisible one, oldest first, in
         * pieces of at most {@link StreamFormat#WRITE_BYTES} (one write each).
         */
        List<Frames> chunks(UUID organization) {
            return chunks.computeIfAbsent(organization, org -> StreamFormat.pieces(
                            byOrganization.getOrDefault(org, List.of()).stream()
                                    .map(row -> row.visible() ? row.frames() : row.removal()).toList(), Frames::size)
                    .stream().map(Frames::join).toList());
        }
    }

    /** JSON serialized once, written as it is into the SSE event and the NDJSON line. */
    record Raw(String json) implements JsonSerializable {

        @Override
        public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeRawValue(json);
        }

        @Override
        public void serializeWithType(JsonGenerator generator, SerializerProvider provider, TypeSerializer type)
                throws IOException {
            serialize(generator, provider);
        }
    }

    private final ReportChanges changes;
    private final DatabaseClient db;
    private final ProjectionCipher cipher;
    private final ObjectMapper mapper;
    private final Duration interval;
    private final int readRows;
    private final Sinks.Many<Batch> batches = Sinks.many().multicast().directBestEffort();
    private final PendingRows pending = new PendingRows();
    private volatile Disposable running;

    ReportFeed(ReportChanges changes, DatabaseClient db, ObjectMapper mapper, ProjectionCipher cipher,
               ReportsProperties reports) {
        this.changes = changes;
        this.db = db;
        this.cipher = cipher;
        this.mapper = mapper;
        this.interval = reports.feedInterval();
        this.readRows = reports.feedReadRows();
    }

    /** Every batch from now on; subscribers must take them at once (they only merge rows into a map). */
    Flux<Batch> batches() {
        return batches.asFlux();
    }

    /**
     * Notifications are taken as they come (the change listener never waits, and would drop them
     * for a subscriber without demand) into the pending set; every interval the pending rows are
     * read, {@code readRows} at a time, one read after the other until none is left. Intervals that
     * come while reads run are dropped: the rows they would read wait in the pending set.
     */
    @Override
    public void start() {
        Disposable listening = changes.changes().subscribe(pending::changed);
        Disposable reading = Flux.interval(interval)
                .onBackpressureDrop()
                .concatMap(tick -> drain(), 1)
                .subscribe(batch -> batches.tryEmitNext(batch));
        running = Disposables.composite(listening, reading);
    }

    /** Every pending row, read in bounded reads one after the other, each emitted as it is read. */
    private Flux<Batch> drain() {
        return next().expand(batch -> next());
    }

    /**
     * At most {@code readRows} pending rows, the oldest first, read; empty if none changed. A failed
     * read puts them back for the next interval.
     */
    private Mono<Batch> next() {
        PendingRows.Taken taken = pending.take(readRows);
        if (taken == null) {
            return Mono.empty();
        }
        return read(taken.organizations(), taken.resync()).onErrorResume(error -> {
            log.warn("report feed will read {} changed rows again: {}", taken.organizations().size(),
                    error.getClass().getName());
            pending.putBack(taken);
            return Mono.empty();
        });
    }

    private Mono<Batch> read(Map<UUID, UUID> organizations, boolean resync) {
        Set<UUID> ids = organizations.keySet();
        if (ids.isEmpty()) {
            return Mono.just(new Batch(Map.of(), resync));
        }
        return Mono.defer(() -> {
            long readAt = System.nanoTime();
            return ReportSql.changed(ids).on(db)
                    .map(row -> new Fetched(ReportSql.row(row), row.get("organization_id", UUID.class),
                            Boolean.TRUE.equals(row.get("hidden", Boolean.class)), row.get("version", Long.class),
                            row.get("last_activity", OffsetDateTime.class)))
                    .all()
                    .collectList()
                    .flatMap(fetched -> cipher.openRows(ReportSql.MEMBERS, fetched, Fetched::traineeId,
                            Fetched::opened))
                    .map(fetched -> {
                        Map<UUID, Row> rows = new LinkedHashMap<>();
                        fetched.stream().map(row -> row(row, readAt)).sorted(Comparator.comparingLong(Row::version))
                                .forEach(row -> rows.put(row.traineeId(), row));
                        // a changed row that no longer joins (its member view is gone) left every report
                        ids.forEach(id -> rows.computeIfAbsent(id,
                                gone -> new Row(gone, organizations.get(gone), null, null, null, 0, null, removal(gone),
                                        readAt)));
                        return new Batch(rows, resync);
                    });
        });
    }

    /** A report row as read, its sealed fields not opened yet (until {@link #opened}). */
    private record Fetched(ReportRow data, UUID organizationId, boolean hidden, long version,
                           OffsetDateTime lastActivity) {

        UUID traineeId() {
            return data.traineeId();
        }

        Fetched opened(ProjectionCipher.Opener open) {
            return new Fetched(data.opened(open), organizationId, hidden, version, lastActivity);
        }
    }

    private Row row(Fetched row, long readAt) {
        UUID trainee = row.traineeId();
        return new Row(trainee, row.organizationId(), row.data().department(), row.data().status(),
                row.lastActivity(), row.version(),
                row.hidden() ? null : frames(row.version(), row.data()), row.hidden() ? removal(trainee) : null, readAt);
    }

    /** A removal, encoded. */
    private Frames removal(UUID trainee) {
        return encoded(LearningStream.removed(trainee));
    }

    /** The row's message, encoded; its JSON is serialized once and written as it is into both. */
    private Frames frames(long version, ReportRow data) {
        try {
            return encoded(new StreamMessage("row", version, new Raw(mapper.writeValueAsString(data))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Frames encoded(StreamMessage message) {
        return new Frames(StreamFormat.SSE.encode(message, mapper), StreamFormat.NDJSON.encode(message, mapper));
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable current = running;
        return current != null && !current.isDisposed();
    }
}
