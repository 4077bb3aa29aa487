package org.elearn.query.report.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.elearn.query.QueryErrors;
import org.elearn.query.config.ReportsProperties;
import org.elearn.query.report.projection.ReportChanges;
import org.elearn.query.report.query.ReportAccess;
import org.elearn.query.report.query.ReportFigures;
import org.elearn.query.report.query.ReportFilters;
import org.elearn.query.report.query.ReportQuery;
import org.elearn.query.sealing.ProjectionCipher;
import org.elearn.support.web.ConcurrencyGate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpResponse;
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
 * stream keeps only what changed since it last wrote ({@link ChangeBuffer}): a slow client gets the
 * latest value of each row, never a growing queue, and never slows the others.
 * SSE events carry the row's version as id; a client reconnecting with {@code Last-Event-ID}
 * receives the rows changed since (and removals), instead of the whole snapshot.
 */
@RestController
class ReportStreamController {

    private static final String LEARNING = "/api/organizations/{organizationId}/reports/learning/stream";
    private static final String COURSES = "/api/organizations/{organizationId}/reports/courses/stream";
    private static final String ORGANIZATION = "/api/organizations/{organizationId}/reports/organization/stream";

    private final DatabaseClient db;
    private final ProjectionCipher cipher;
    private final ReportChanges changes;
    private final ReportFeed feed;
    private final ReportFigures figures;
    private final ObjectMapper mapper;
    private final Duration heartbeat;
    private final int pageRows;
    private final ConcurrencyGate streams;

    ReportStreamController(DatabaseClient db, ProjectionCipher cipher, ReportChanges changes, ReportFeed feed,
                           ReportFigures figures, ObjectMapper mapper, ReportsProperties properties,
                           @Qualifier("streamGate") ConcurrencyGate streams) {
        this.db = db;
        this.cipher = cipher;
        this.pageRows = properties.streamPageRows();
        this.streams = streams;
        this.mapper = mapper;
        this.changes = changes;
        this.feed = feed;
        this.figures = figures;
        this.heartbeat = properties.heartbeat();
    }

    // ---- the learning report ----------------------------------------------------------------

    @GetMapping(path = LEARNING, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<Void> learningEvents(
            @PathVariable UUID organizationId,
            @Valid ReportFilters filters,
            @RequestHeader(name = "Last-Event-ID", required = false) @Pattern(regexp = "\\d{1,18}") String lastEventId,
            @AuthenticationPrincipal Jwt caller,
            ServerHttpResponse response) {
        UUID onlyTrainee = ReportAccess.learningScope(organizationId, caller);
        ReportQuery query = filters.query(organizationId, onlyTrainee);
        return learning(query, lastEventId == null ? null : Long.parseLong(lastEventId), StreamFormat.SSE, response);
    }

    @GetMapping(path = LEARNING, produces = MediaType.APPLICATION_NDJSON_VALUE)
    Mono<Void> learningLines(
            @PathVariable UUID organizationId,
            @Valid ReportFilters filters,
            @RequestParam(required = false) @Pattern(regexp = "\\d{1,18}") String since,
            @AuthenticationPrincipal Jwt caller,
            ServerHttpResponse response) {
        UUID onlyTrainee = ReportAccess.learningScope(organizationId, caller);
        ReportQuery query = filters.query(organizationId, onlyTrainee);
        return learning(query, since == null ? null : Long.parseLong(since), StreamFormat.NDJSON, response);
    }

    /**
     * A learning-report stream ({@link LearningStream}) written chunk by chunk: each snapshot
     * chunk, or each piece of a batch of changed rows (at most {@link StreamFormat#WRITE_BYTES}),
     * is one write and one flush. The feed's rows are already encoded ({@link ReportFeed.Frames});
     * writing them is a copy, made only when the chunk's turn to be written comes, so the chunks
     * Spring prefetches hold references, not bytes. The stream takes a batch only when the
     * connection has taken the previous one, so a slow client's changes fold into its
     * {@link ChangeBuffer}.
     */
    private Mono<Void> learning(ReportQuery query, Long since, StreamFormat format,
                                ServerHttpResponse response) {
        LearningStream stream = new LearningStream(db, cipher, query, pageRows);
        Flux<List<StreamMessage>> messages = Flux.using(
                () -> ChangeBuffer.of(feed.batches(), stream::intake, stream::merge),
                buffer -> stream.messages(since, buffer.batches()),
                ChangeBuffer::dispose);
        DataBufferFactory buffers = response.bufferFactory();
        Flux<Mono<DataBuffer>> chunks = messages.map(chunk -> Mono.fromSupplier(() -> format.write(chunk, mapper, buffers)))
                .mergeWith(Flux.interval(heartbeat).onBackpressureDrop()
                        .map(tick -> Mono.fromSupplier(() -> buffers.wrap(format.heartbeat(mapper)))));
        return streams.guard(BUSY, BUSY_DETAIL, Mono.defer(() -> {
            response.getHeaders().setContentType(format.type());
            return response.writeAndFlushWith(chunks);
        }));
    }

    /** As SSE, with a heartbeat comment; holding a stream slot. */
    private Flux<ServerSentEvent<Object>> events(Flux<StreamMessage> messages) {
        return streams.guardMany(BUSY, BUSY_DETAIL, messages
                .map(message -> ServerSentEvent.builder().event(message.type()).data(message.data()).build())
                .mergeWith(Flux.interval(heartbeat).map(tick -> ServerSentEvent.builder().comment("heartbeat").build())));
    }

    /** As NDJSON lines, with a heartbeat line; holding a stream slot. */
    private Flux<StreamMessage> lines(Flux<StreamMessage> messages) {
        return streams.guardMany(BUSY, BUSY_DETAIL,
                messages.mergeWith(Flux.interval(heartbeat).map(tick -> new StreamMessage("heartbeat", null, null))));
    }

    private static final QueryErrors BUSY = QueryErrors.STREAMS_BUSY;
    private static final String BUSY_DETAIL = "Too many report streams are open on this instance; try again shortly.";

    // ---- course statistics and organization figures -------------------------------------------

    @GetMapping(path = COURSES, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> courseEvents(@PathVariable UUID organizationId,
                                              @RequestParam(required = false) UUID courseId,
                                              @AuthenticationPrincipal Jwt caller) {
        return events(recomputed(organizationId, () -> figures.courses(organizationId, courseId, caller)));
    }

    @GetMapping(path = COURSES, produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<StreamMessage> courseLines(@PathVariable UUID organizationId, @RequestParam(required = false) UUID courseId,
                              @AuthenticationPrincipal Jwt caller) {
        return lines(recomputed(organizationId, () -> figures.courses(organizationId, courseId, caller)));
    }

    @GetMapping(path = ORGANIZATION, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> organizationEvents(@PathVariable UUID organizationId,
                                                    @AuthenticationPrincipal Jwt caller) {
        return events(recomputed(organizationId, () -> figures.organization(organizationId, null, null, caller)));
    }

    @GetMapping(path = ORGANIZATION, produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<StreamMessage> organizationLines(@PathVariable UUID organizationId, @AuthenticationPrincipal Jwt caller) {
        return lines(recomputed(organizationId, () -> figures.organization(organizationId, null, null, caller)));
    }

    /**
     * The figures now, then again after each change of the organization; changes that arrive
     * while a client is behind fold into one recomputation.
     */
    private Flux<StreamMessage> recomputed(UUID organizationId, java.util.function.Supplier<Mono<?>> figures) {
        Mono<StreamMessage> current = Mono.defer(figures::get).map(value -> new StreamMessage("figures", null, value));
        // listening starts before the first figures are read, so no change falls in between; a
        // refused caller gets the error of the first computation before any event
        return Flux.using(
                () -> ChangeBuffer.of(changes.changes(),
                        change -> change.isResync() || change.organizationId().equals(organizationId) ? Boolean.TRUE : null,
                        (earlier, later) -> Boolean.TRUE),
                buffer -> current.concatWith(buffer.batches().concatMap(changed -> current, 1)),
                ChangeBuffer::dispose);
    }
}
