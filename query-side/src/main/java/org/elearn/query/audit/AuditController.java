package org.elearn.query.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.elearn.events.audit.EventHistoryRead;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/audit/events}: the stored history in global order, as NDJSON or SSE, one line per
 * event (position, event id, type, revision, timestamp, aggregate and sequence, metadata, payload).
 * The read is recorded as {@link EventHistoryRead} before its first line. It ends at the head as it
 * was when the read started (or at {@code until}); {@code after} (or SSE's {@code Last-Event-ID})
 * resumes after the last position received. Lines go out a page at a time as the client takes them.
 */
@RestController
record AuditController(HistoryReader reader, AuditEventTypes types, EventGateway events, TransactionTemplate tx) {

    private static final String EVENTS = "/api/audit/events";

    @GetMapping(path = EVENTS, produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<DataBuffer> lines(@RequestParam MultiValueMap<String, String> parameters,
                           @AuthenticationPrincipal Jwt caller) {
        return read(AuditQuery.parse(parameters, null, types).authorize(caller), caller, HistoryReader.Format.NDJSON);
    }

    @GetMapping(path = EVENTS, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<DataBuffer> events(@RequestParam MultiValueMap<String, String> parameters,
                            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                            @AuthenticationPrincipal Jwt caller) {
        return read(AuditQuery.parse(parameters, lastEventId, types).authorize(caller), caller,
                HistoryReader.Format.SSE);
    }

    /** The contract's event types, for the {@code types} filter. */
    @GetMapping("/api/audit/event-types")
    Mono<List<String>> eventTypes(@AuthenticationPrincipal Jwt caller) {
        AuditQuery.parse(new org.springframework.util.LinkedMultiValueMap<>(), null, types).authorize(caller);
        return Mono.just(types.names());
    }

    private Flux<DataBuffer> read(AuditQuery query, Jwt caller, HistoryReader.Format format) {
        return Mono.fromCallable(() -> {
                    record(query, caller);
                    return query.until() != null ? query.until() : reader.head();
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(until -> reader.read(query, until, format).subscribeOn(Schedulers.boundedElastic()))
                .map(DefaultDataBufferFactory.sharedInstance::wrap);
    }

    private void record(AuditQuery query, Jwt caller) {
        List<String> roles = caller.getClaimAsStringList(org.elearn.tenancy.Roles.CLAIM);
        tx.executeWithoutResult(status -> events.publish(new EventHistoryRead(UUID.randomUUID(),
                UUID.fromString(caller.getSubject()), roles == null ? List.of() : roles, query.organization(),
                query.filter(), query.types(), query.reveal(), Instant.now())));
    }
}
