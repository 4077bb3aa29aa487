package org.elearn.query.report;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Live learning reports for dashboards, as SSE ({@code text/event-stream}) and NDJSON
 * ({@code application/x-ndjson}). A stream sends the current snapshot, filtered as asked, then
 * every change as it happens, with a heartbeat every 15 s. Changes come from PostgreSQL
 * notifications ({@link ReportChanges}), so any instance's subscribers hear of every change. Each
 * stream keeps only the set of rows changed since it last sent them ({@link ChangeBuffer}): a slow
 * client gets the latest value of each row, never a growing queue, and never slows the others.
 * SSE events carry the row's version as id; a client reconnecting with {@code Last-Event-ID}
 * receives the rows changed since (and removals), instead of the whole snapshot.
 */
@RestController
class ReportStreamController {

    private static final String LEARNING = "/api/organizations/{organizationId}/reports/learning/stream";
    private static final String COURSES = "/api/organizations/{organizationId}/reports/courses/stream";
    private static final String ORGANIZATION = "/api/organizations/{organizationId}/reports/organization/stream";

    private final DatabaseClient db;
    private final ReportChanges changes;
    private final ReportFeed feed;
    private final ReportController reports;
    private final Duration heartbeat;

    ReportStreamController(DatabaseClient db, ReportChanges changes, ReportFeed feed, ReportController reports,
                           @Value("${learning.reports.heartbeat:15s}") Duration heartbeat) {
        this.db = db;
        this.changes = changes;
        this.feed = feed;
        this.reports = reports;
        this.heartbeat = heartbeat;
    }

    /** One message of a report stream. */
    record Message(String type, Long version, Object data) {
    }

    // ---- the learning report ----------------------------------------------------------------

    @GetMapping(path = LEARNING, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> learningEvents(
            @PathVariable UUID organizationId,
            @Valid ReportFilters filters,
            @RequestHeader(name = "Last-Event-ID", required = false) @Pattern(regexp = "\\d{1,18}") String lastEventId,
            @AuthenticationPrincipal Jwt caller) {
        UUID onlyTrainee = ReportController.learningScope(organizationId, caller);
        ReportController.ReportQuery query = filters.query(organizationId, onlyTrainee);
        return events(learning(query, lastEventId == null ? null : Long.parseLong(lastEventId)));
    }

    @GetMapping(path = LEARNING, produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<Message> learningLines(
            @PathVariable UUID organizationId,
            @Valid ReportFilters filters,
            @RequestParam(required = false) @Pattern(regexp = "\\d{1,18}") String since,
            @AuthenticationPrincipal Jwt caller) {
        UUID onlyTrainee = ReportController.learningScope(organizationId, caller);
        ReportController.ReportQuery query = filters.query(organizationId, onlyTrainee);
        return lines(learning(query, since == null ? null : Long.parseLong(since)));
    }

    /** As SSE, with a heartbeat comment. */
    private Flux<ServerSentEvent<Object>> events(Flux<Message> messages) {
        return messages.map(ReportStreamController::sse)
                .mergeWith(Flux.interval(heartbeat).map(tick -> ServerSentEvent.builder().comment("heartbeat").build()));
    }

    /** As NDJSON lines, with a heartbeat line. */
    private Flux<Message> lines(Flux<Message> messages) {
        return messages.mergeWith(Flux.interval(heartbeat).map(tick -> new Message("heartbeat", null, null)));
    }

    private static ServerSentEvent<Object> sse(Message message) {
        // a feed row is JSON already: written as it is, never serialized again per stream
        Object data = message.data() instanceof ReportFeed.Raw raw ? raw.json() : message.data();
        ServerSentEvent.Builder<Object> event = ServerSentEvent.builder().event(message.type()).data(data);
        if (message.version() != null) {
            event.id(Long.toString(message.version()));
        }
        return event.build();
    }

    /**
     * Snapshot (or, resuming, the rows changed since), then the changed rows as they change. A row
     * that stops matching the filters (or is erased or restricted) is sent as a removal, if this
     * stream showed it. Changed rows come from the instance's {@link ReportFeed}, read and
     * serialized once for every stream; a stream filtered by course, which the feed's rows cannot
     * tell, reads its changed rows itself. {@code shown} maps each row this stream showed to the
     * version it showed, so that a feed batch read before the snapshot never sends that row again,
     * or an older value of it.
     */
    private Flux<Message> learning(ReportController.ReportQuery query, Long since) {
        Map<UUID, Long> shown = new java.util.concurrent.ConcurrentHashMap<>();
        return Flux.using(() -> ChangeBuffer.<ReportFeed.Batch, ReportFeed.Row>of(feed.batches(), (batch, intake) -> {
                    if (batch.resync()) {
                        intake.resync();
                    }
                    batch.rows().forEach((id, row) -> {
                        if (query.organization().equals(row.organizationId())
                                && (query.onlyTrainee() == null || id.equals(query.onlyTrainee()))) {
                            intake.row(id, row);
                        }
                    });
                }),
                buffer -> Flux.concat(
                        since == null ? snapshot(query, shown) : changedSince(query, since, shown),
                        Flux.just(new Message("snapshot-complete", null, null)),
                        buffer.batches().concatMap(batch -> batch.everything() ? snapshot(query, shown)
                                : query.course() != null ? rows(query, batch.rows().keySet(), shown, false)
                                : Flux.fromIterable(changed(query, batch.rows().values(), shown)), 1)),
                ChangeBuffer::dispose);
    }

    /** The feed's rows for this stream, oldest version first: a row it lets through, or a removal. */
    private static List<Message> changed(ReportController.ReportQuery query, java.util.Collection<ReportFeed.Row> rows,
                                         Map<UUID, Long> shown) {
        List<Message> messages = new ArrayList<>();
        rows.stream().sorted(java.util.Comparator.comparingLong(ReportFeed.Row::version)).forEach(row -> {
            Long sent = shown.get(row.traineeId());
            if (row.visible() && matches(query, row)) {
                if (sent == null || sent < row.version()) { // the same version is the same row: sent already
                    shown.put(row.traineeId(), row.version());
                    messages.add(new Message("row", row.version(), row.json()));
                }
            } else if (sent != null && (row.version() == 0 || row.version() >= sent)
                    && shown.remove(row.traineeId()) != null) { // version 0: the row is gone altogether
                messages.add(removed(row.traineeId()));
            }
        });
        return messages;
    }

    /** The filters of {@link ReportController.ReportQuery#where()} but the course, in memory. */
    private static boolean matches(ReportController.ReportQuery query, ReportFeed.Row row) {
        java.time.OffsetDateTime last = row.lastActivity();
        return (query.department() == null || query.department().equals(row.department()))
                && (query.status() == null || query.status().equals(row.status()))
                && (query.from() == null || last != null
                        && !last.isBefore(query.from().atStartOfDay().atOffset(java.time.ZoneOffset.UTC)))
                && (query.to() == null || last != null
                        && last.isBefore(query.to().plusDays(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC)));
    }

    private Flux<Message> snapshot(ReportController.ReportQuery query, Map<UUID, Long> shown) {
        return query.bind(db.sql(ReportController.ReportQuery.SELECT_VERSIONED + query.where()
                        + " ORDER BY r.version, r.trainee_id"))
                .map(row -> new Message("row", row.get("version", Long.class), ReportController.ReportQuery.row(row)))
                .all()
                .doOnNext(message -> shown.put((UUID) ((Map<?, ?>) message.data()).get("traineeId"), message.version()));
    }

    /**
     * Rows of the batch that match the filters, and a removal for each that does not: for every
     * such row when resuming (the client may hold it), else for those this stream showed.
     */
    private Flux<Message> rows(ReportController.ReportQuery query, Set<UUID> ids, Map<UUID, Long> shown,
                               boolean removeAny) {
        Set<UUID> missing = new HashSet<>(ids);
        return query.bind(db.sql(ReportController.ReportQuery.SELECT_VERSIONED + query.where()
                        + " AND r.trainee_id = ANY(:ids) ORDER BY r.version"))
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> new Message("row", row.get("version", Long.class), ReportController.ReportQuery.row(row)))
                .all()
                .doOnNext(message -> {
                    UUID trainee = (UUID) ((Map<?, ?>) message.data()).get("traineeId");
                    missing.remove(trainee);
                    shown.put(trainee, message.version());
                })
                .concatWith(Flux.defer(() -> Flux.fromIterable(missing)
                        .filter(trainee -> shown.remove(trainee) != null || removeAny)
                        .map(ReportStreamController::removed)));
    }

    private Flux<Message> changedSince(ReportController.ReportQuery query, long since, Map<UUID, Long> shown) {
        DatabaseClient.GenericExecuteSpec changed = db.sql("SELECT trainee_id FROM report_trainee "
                        + "WHERE organization_id = :org AND version > :since"
                        + (query.onlyTrainee() == null ? "" : " AND trainee_id = :me"))
                .bind("org", query.organization()).bind("since", since);
        if (query.onlyTrainee() != null) {
            changed = changed.bind("me", query.onlyTrainee());
        }
        return changed.map(row -> row.get("trainee_id", UUID.class)).all().collectList()
                .flatMapMany(ids -> ids.isEmpty() ? Flux.empty() : rows(query, new HashSet<>(ids), shown, true));
    }

    private static Message removed(UUID trainee) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("traineeId", trainee);
        return new Message("removed", null, data);
    }

    // ---- course statistics and organization figures -------------------------------------------

    @GetMapping(path = COURSES, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> courseEvents(@PathVariable UUID organizationId,
                                              @RequestParam(required = false) UUID courseId,
                                              @AuthenticationPrincipal Jwt caller) {
        return events(recomputed(organizationId, () -> reports.courses(organizationId, courseId, caller)));
    }

    @GetMapping(path = COURSES, produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<Message> courseLines(@PathVariable UUID organizationId, @RequestParam(required = false) UUID courseId,
                              @AuthenticationPrincipal Jwt caller) {
        return lines(recomputed(organizationId, () -> reports.courses(organizationId, courseId, caller)));
    }

    @GetMapping(path = ORGANIZATION, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> organizationEvents(@PathVariable UUID organizationId,
                                                    @AuthenticationPrincipal Jwt caller) {
        return events(recomputed(organizationId, () -> reports.organization(organizationId, null, null, caller)));
    }

    @GetMapping(path = ORGANIZATION, produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<Message> organizationLines(@PathVariable UUID organizationId, @AuthenticationPrincipal Jwt caller) {
        return lines(recomputed(organizationId, () -> reports.organization(organizationId, null, null, caller)));
    }

    /**
     * The figures now, then again after each change of the organization; changes that arrive
     * while a client is behind fold into one recomputation.
     */
    private Flux<Message> recomputed(UUID organizationId, java.util.function.Supplier<Mono<?>> figures) {
        Mono<Message> current = Mono.defer(figures::get).map(value -> new Message("figures", null, value));
        // listening starts before the first figures are read, so no change falls in between; a
        // refused caller gets the error of the first computation before any event
        return Flux.using(
                () -> ChangeBuffer.<ReportChanges.Change, Boolean>of(changes.changes(), (change, intake) -> {
                    if (change.isResync()) {
                        intake.resync();
                    } else if (change.organizationId().equals(organizationId)) {
                        intake.row(change.traineeId(), Boolean.TRUE);
                    }
                }),
                buffer -> current.concatWith(buffer.batches().concatMap(batch -> current, 1)),
                ChangeBuffer::dispose);
    }
}
