package org.elearn.query.report.stream;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.elearn.query.report.query.ReportQuery;
import org.elearn.query.report.query.ReportRow;
import org.elearn.query.report.query.ReportSql;
import org.elearn.query.sealing.ProjectionCipher;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One learning-report stream: the snapshot (or, resuming, the rows changed since), then the
 * changed rows as they change, in chunks that are each written and flushed at once. A row that
 * stops matching the filters (or is erased or restricted) is sent as a removal.
 *
 * <p>What a stream remembers is kept small, because 200 streams over an organization of 100,000
 * trainees would otherwise hold 20 million entries:
 * <ul>
 *   <li>{@code recent}, the version sent of each row, only until {@link #SETTLE} after the
 *       snapshot. A feed batch read before or just after the snapshot may carry a row the snapshot
 *       already sent, or an older value of it; such rows are skipped. Later reads start after the
 *       snapshot's, so they can only carry a newer value. A change notification delayed longer than
 *       {@code SETTLE} could make a row arrive twice at the same version, which a client keying rows
 *       by trainee does not notice.</li>
 *   <li>{@code held}, the rows the client holds, only when a filter can leave rows out
 *       (department, status, dates or course): a row leaving the filter is a removal only if the
 *       client holds it. Without such a filter every visible row of the organization is shown, and
 *       an invisible one is always sent as a removal.</li>
 * </ul>
 */
final class LearningStream {

    /** How long after its snapshot a stream still checks changed rows against the versions it sent. */
    static final Duration SETTLE = Duration.ofSeconds(5);
    private final DatabaseClient db;
    private final ProjectionCipher cipher;
    private final ReportQuery query;
    private final int pageRows;
    private volatile Map<UUID, Long> recent = new ConcurrentHashMap<>();
    private final Set<UUID> held;
    private volatile boolean snapshotSent;
    private volatile long settleAfter;

    /** Rows per database read of a snapshot or a resume unless {@code learning.reports.stream-page-rows} says otherwise. */
    static final int PAGE_ROWS = 250;

    LearningStream(DatabaseClient db, ReportQuery query) {
        this(db, null, query, PAGE_ROWS);
    }

    /** {@code pageRows}: rows per database read of a snapshot or a resume, each on a connection of its own. */
    LearningStream(DatabaseClient db, ProjectionCipher cipher, ReportQuery query, int pageRows) {
        this.db = db;
        this.cipher = cipher;
        this.query = query;
        this.pageRows = pageRows;
        this.held = query.filtered() ? ConcurrentHashMap.newKeySet() : null;
    }

    /**
     * What the feed brought since the stream last wrote: one batch as it came ({@code only}), or
     * the rows of several merged ({@code rows}), and whether everything must be sent again.
     */
    record Pending(ReportFeed.Batch only, Map<UUID, ReportFeed.Row> rows, boolean resync) {
    }

    /** Whether a feed row belongs to this stream's organization (and trainee, for a trainee's own stream). */
    boolean concerns(ReportFeed.Row row) {
        return query.organization().equals(row.organizationId())
                && (query.onlyTrainee() == null || row.traineeId().equals(query.onlyTrainee()));
    }

    /** A feed batch as this stream's pending change; null if it holds nothing for the stream. */
    Pending intake(ReportFeed.Batch batch) {
        return batch.resync() || !rowsOf(batch).isEmpty() ? new Pending(batch, null, batch.resync()) : null;
    }

    /** Folds a later pending change into an earlier one: the latest value of each row stays. */
    Pending merge(Pending earlier, Pending later) {
        Map<UUID, ReportFeed.Row> rows = earlier.rows() != null ? earlier.rows() : new LinkedHashMap<>();
        if (earlier.only() != null) {
            rowsOf(earlier.only()).forEach(row -> rows.put(row.traineeId(), row));
        }
        if (later.only() != null) {
            rowsOf(later.only()).forEach(row -> rows.put(row.traineeId(), row));
        } else {
            rows.putAll(later.rows());
        }
        return new Pending(null, rows, earlier.resync() || later.resync());
    }

    /** The batch's rows for this stream, oldest version first. */
    private List<ReportFeed.Row> rowsOf(ReportFeed.Batch batch) {
        List<ReportFeed.Row> rows = batch.byOrganization().getOrDefault(query.organization(), List.of());
        if (query.onlyTrainee() == null) {
            return rows;
        }
        ReportFeed.Row mine = batch.rows().get(query.onlyTrainee());
        return mine != null && concerns(mine) ? List.of(mine) : List.of();
    }

    /**
     * Whether this stream sends every change of its organization as it is: no filter, no trainee
     * of its own, and settled. Such streams all send the same bytes for a batch, encoded once
     * ({@link ReportFeed.Batch#chunk}).
     */
    private boolean sendsEverything() {
        return held == null && query.onlyTrainee() == null && recent == null;
    }

    /** Everything the stream sends, chunk by chunk; {@code changes} are what the feed brought for it. */
    Flux<List<StreamMessage>> messages(Long since, Flux<Pending> changes) {
        return Flux.concat(
                since == null ? snapshot() : changedSince(since),
                Mono.fromSupplier(() -> {
                    snapshotSent(System.nanoTime());
                    return List.of(new StreamMessage("snapshot-complete", null, null));
                }),
                changes.concatMap(this::send, 1));
    }

    Flux<List<StreamMessage>> send(Pending pending) {
        if (pending.resync()) {
            return snapshot();
        }
        if (pending.only() != null && sendsEverything()) {
            return Flux.fromIterable(pending.only().chunks(query.organization()))
                    .map(piece -> List.of(new StreamMessage("rows", null, piece)));
        }
        Collection<ReportFeed.Row> rows = pending.only() != null ? rowsOf(pending.only()) : pending.rows().values();
        if (query.course() != null) { // the feed cannot tell courses
            Set<UUID> ids = new HashSet<>();
            rows.forEach(row -> ids.add(row.traineeId()));
            return rows(ids);
        }
        return Mono.fromSupplier(() -> changed(rows))
                .flatMapIterable(messages -> StreamFormat.pieces(messages, StreamFormat::size));
    }

    /** The snapshot (or what changed since) went out at {@code nanoTime}: the stream settles {@link #SETTLE} later. */
    void snapshotSent(long nanoTime) {
        settleAfter = nanoTime + SETTLE.toNanos();
        snapshotSent = true;
    }

    /** The feed's rows for this stream, oldest version first: a row it lets through, or a removal. */
    List<StreamMessage> changed(Collection<ReportFeed.Row> rows) {
        Map<UUID, Long> sent = recent;
        List<ReportFeed.Row> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparingLong(ReportFeed.Row::version)); // sorted already, unless merged
        List<StreamMessage> messages = new ArrayList<>();
        long newestRead = Long.MIN_VALUE;
        for (ReportFeed.Row row : ordered) {
            newestRead = Math.max(newestRead, row.readAt());
            Long version = sent == null ? null : sent.get(row.traineeId());
            if (row.visible() && matches(row)) {
                if (version != null && version >= row.version()) {
                    continue; // this value, or a newer one, went out already
                }
                shown(row.traineeId(), row.version());
                messages.add(new StreamMessage("row", row.version(), row.frames()));
            } else if ((held == null || held.contains(row.traineeId()))
                    && (version == null || row.version() == 0 || row.version() >= version)) { // 0: gone altogether
                forget(row.traineeId());
                messages.add(row.removal() != null
                        ? new StreamMessage("removed", null, row.removal()) : removed(row.traineeId()));
            }
        }
        if (sent != null && snapshotSent && newestRead - settleAfter >= 0) {
            recent = null; // every later read started after the snapshot had been sent
        }
        return messages;
    }

    /** The filters of the report's SQL ({@link ReportSql}) but the course, in memory. */
    private boolean matches(ReportFeed.Row row) {
        OffsetDateTime last = row.lastActivity();
        return (query.department() == null || query.department().equals(row.department()))
                && (query.status() == null || query.status().equals(row.status()))
                && (query.from() == null || last != null
                        && !last.isBefore(query.from().atStartOfDay().atOffset(ZoneOffset.UTC)))
                && (query.to() == null || last != null
                        && last.isBefore(query.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)));
    }

    private void shown(UUID trainee, long version) {
        Map<UUID, Long> sent = recent;
        if (sent != null) {
            sent.put(trainee, version);
        }
        if (held != null) {
            held.add(trainee);
        }
    }

    private void forget(UUID trainee) {
        Map<UUID, Long> sent = recent;
        if (sent != null) {
            sent.remove(trainee);
        }
        if (held != null) {
            held.remove(trainee);
        }
    }

    /** The rows the filters let through, in version order. */
    private Flux<List<StreamMessage>> snapshot() {
        ReportSql sql = ReportSql.live(query);
        return pages(after -> sql.versions(after, pageRows), false);
    }

    /**
     * The stream's rows in version order, read a page of {@code pageRows} at a time after the last
     * row of the previous page, each page in one short query: a client that reads slowly holds no
     * database connection, only the page it has not taken yet. Cut into writes of at most
     * {@link StreamFormat#WRITE_BYTES}. {@code sql} is the statement of the page after a row (null:
     * the first page); with {@code removals}, each row says whether it {@code matches}, and one
     * that does not goes out as a removal.
     */
    private Flux<List<StreamMessage>> pages(Function<ReportSql.After, ReportSql.Statement> sql, boolean removals) {
        return page(sql, removals, null).expand(page -> page.reads().size() < pageRows ? Mono.empty()
                        : page(sql, removals, page.reads().get(page.reads().size() - 1).position()))
                .concatMapIterable(page -> StreamFormat.pieces(page.messages(), StreamFormat::size));
    }

    /** A row read for the stream: where it is in version order, and what goes out for it (its email still sealed). */
    private record Read(long version, UUID trainee, StreamMessage message) {

        ReportSql.After position() {
            return new ReportSql.After(version, trainee);
        }
    }

    /** The rows read, and what goes out for them, opened. */
    private record Page(List<Read> reads, List<StreamMessage> messages) {
    }

    private Mono<Page> page(Function<ReportSql.After, ReportSql.Statement> sql, boolean removals,
                            ReportSql.After after) {
        return sql.apply(after).on(db).map(row -> {
                    long version = row.get("version", Long.class);
                    UUID trainee = row.get("trainee_id", UUID.class);
                    boolean shown = !removals || Boolean.TRUE.equals(row.get("matches", Boolean.class));
                    return new Read(version, trainee, shown ? fromDatabase(row) : remove(trainee));
                })
                .all().collectList()
                .flatMap(reads -> opened(reads.stream().map(Read::message).toList())
                        .map(messages -> new Page(reads, messages)));
    }

    /** A removal of a row the client may hold, forgotten here. */
    private StreamMessage remove(UUID trainee) {
        forget(trainee);
        return removed(trainee);
    }

    /** Rows of {@code ids} that match the filters, and a removal for each that does not and the client holds. */
    private Flux<List<StreamMessage>> rows(Set<UUID> ids) {
        Set<UUID> missing = ConcurrentHashMap.newKeySet();
        missing.addAll(ids);
        return ReportSql.live(query).versionsOf(ids).on(db)
                .map(this::fromDatabase)
                .all()
                .doOnNext(message -> missing.remove(((ReportRow) message.data()).traineeId()))
                .collectList()
                .flatMap(this::opened)
                .flatMapIterable(messages -> StreamFormat.pieces(messages, StreamFormat::size))
                .concatWith(Mono.fromSupplier(() -> {
                    List<StreamMessage> removals = new ArrayList<>();
                    for (UUID trainee : missing) {
                        if (held == null || held.contains(trainee)) {
                            removals.add(remove(trainee));
                        }
                    }
                    return removals;
                }).filter(list -> !list.isEmpty()));
    }

    /** The messages with the sealed fields of their rows opened (off the event loop), for the size to count. */
    private Mono<List<StreamMessage>> opened(List<StreamMessage> messages) {
        return cipher.openRows(ReportSql.MEMBERS, messages,
                message -> message.data() instanceof ReportRow row ? row.traineeId() : null,
                (message, open) -> message.data() instanceof ReportRow row
                        ? new StreamMessage(message.type(), message.version(), row.opened(open)) : message);
    }

    private StreamMessage fromDatabase(io.r2dbc.spi.Readable row) {
        long version = row.get("version", Long.class);
        ReportRow data = ReportSql.row(row);
        shown(data.traineeId(), version);
        return new StreamMessage("row", version, data);
    }

    /**
     * Every row changed after {@code since}, in version order: as a row if the filters let it
     * through, else as a removal (the client may hold it from before).
     */
    private Flux<List<StreamMessage>> changedSince(long since) {
        ReportSql sql = ReportSql.live(query);
        return pages(after -> sql.changedSince(since, after, pageRows), true);
    }

    static StreamMessage removed(UUID trainee) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("traineeId", trainee);
        return new StreamMessage("removed", null, data);
    }
}
