package org.elearn.query.consistency;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares each {@link CheckedProjection}'s totals per organization with the same totals recomputed
 * from the event store, and names every difference.
 *
 * <p>Everything is read in one {@code REPEATABLE READ} transaction, so the events, the processors'
 * tokens and the projection rows are one snapshot: rows commit with their token, so when every
 * segment's token covers every event of the snapshot the rows must equal the replay exactly, and a
 * difference is drift. When a token does not yet, the projection is catching up and a difference
 * may be lag. The history is replayed through the projections' own handlers into temporary tables,
 * streamed in pages of the storage engine and applied a thousand events at a time; only events of
 * the types a projection handles are deserialized. The cost grows with the history, so one check
 * runs at a time per instance. Blocking: call it off the event loop.
 */
@Component
public class ConsistencyCheck {

    /** The answer's overall status. */
    public enum Status { CONSISTENT, DRIFT, CATCHING_UP }

    /**
     * The answer: the overall status, the last event of the snapshot, how many events were
     * replayed, the organization checked (absent for all), every difference and each projection's
     * totals.
     */
    public record Result(Status status, long headIndex, long eventsReplayed,
                         @JsonInclude(JsonInclude.Include.NON_NULL) UUID organizationId, List<Drift> drifts,
                         List<Checked> projections) {
    }

    /** One total, replayed from the history ({@code expected}) and as the projection holds it ({@code actual}). */
    public record Figures(long expected, long actual, long drift) {
    }

    /** A total that differs, where. */
    public record Drift(String projection, UUID organizationId, String total, long expected, long actual,
                        long drift) {
    }

    /** One projection's part: whether it had caught up, and each organization's totals by name. */
    public record Checked(String projection, boolean caughtUp, List<OrganizationTotals> organizations) {
    }

    /** One organization's totals, by name. */
    public record OrganizationTotals(UUID organizationId, Map<String, Figures> totals) {
    }

    private static final int BATCH = 1000;

    private final List<CheckedProjection> projections;
    private final EventStorageEngine events;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final Serializer tokenSerializer;
    private final EventProcessingConfiguration processing;

    ConsistencyCheck(List<CheckedProjection> projections, EventStorageEngine events, JdbcTemplate jdbc,
                     PlatformTransactionManager transactions, @Qualifier("serializer") Serializer tokenSerializer,
                     EventProcessingConfiguration processing) {
        this.projections = projections;
        this.events = events;
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.tokenSerializer = tokenSerializer;
        this.processing = processing;
    }

    /** Checks every organization, or one; blocking. */
    public Result run(UUID organization) {
        return snapshot.execute(status -> {
            // the first statement fixes the snapshot every later read sees, event reads included
            long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
            Map<CheckedProjection, Boolean> caughtUp = new LinkedHashMap<>();
            Map<CheckedProjection, Map<UUID, long[]>> actual = new LinkedHashMap<>();
            Map<CheckedProjection, AnnotationEventHandlerAdapter> handlers = new LinkedHashMap<>();
            for (CheckedProjection projection : projections) {
                caughtUp.put(projection, caughtUp(projection.processingGroup(), head));
                actual.put(projection, projection.totals(jdbc, false, organization));
                handlers.put(projection, new AnnotationEventHandlerAdapter(projection.replayInto(jdbc)));
            }
            long replayed = replay(handlers.values(), organization, head);
            List<Drift> drifts = new ArrayList<>();
            List<Checked> checked = new ArrayList<>();
            for (CheckedProjection projection : projections) {
                checked.add(compare(projection, caughtUp.get(projection),
                        projection.totals(jdbc, true, organization), actual.get(projection), drifts));
            }
            Status overall = caughtUp.containsValue(false) ? Status.CATCHING_UP
                    : drifts.isEmpty() ? Status.CONSISTENT : Status.DRIFT;
            return new Result(overall, head, replayed, organization, drifts, checked);
        });
    }

    /**
     * Whether every segment's token covers every event up to {@code head}: at or past it, and none of
     * its gaps (indexes it has not seen) an event that exists. A replay, a merge or a segment that
     * has no token yet is not caught up. The tokens are those of the processor hosting the group,
     * which hosts other groups too in the merged processor layout.
     */
    private boolean caughtUp(String processingGroup, long head) {
        String processor = processing.eventProcessorByProcessingGroup(processingGroup).map(EventProcessor::getName)
                .orElse(processingGroup);
        List<TrackingToken> tokens = jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, i) -> rs.getBytes(1) == null ? null : tokenSerializer.<byte[], TrackingToken>deserialize(
                        new SimpleSerializedObject<>(rs.getBytes(1), byte[].class, rs.getString(2), null)),
                processor);
        if (tokens.isEmpty()) {
            return head == 0;
        }
        TreeSet<Long> gaps = new TreeSet<>();
        for (TrackingToken token : tokens) {
            if (token == null && head == 0) {
                continue;
            }
            if (!(token instanceof GapAwareTrackingToken gapAware) || gapAware.getIndex() < head) {
                return false;
            }
            gaps.addAll(gapAware.getGaps().headSet(head + 1));
        }
        return gaps.isEmpty() || jdbc.queryForObject("SELECT count(*) FROM domain_event_entry"
                + " WHERE global_index = ANY (?::bigint[])", Long.class,
                gaps.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"))) == 0;
    }

    /**
     * One projection's part of the answer: each organization's totals, expected (replayed) and
     * actual (live); each difference is also added to {@code drifts}.
     */
    private static Checked compare(CheckedProjection projection, boolean caughtUp, Map<UUID, long[]> expected,
                                   Map<UUID, long[]> actual, List<Drift> drifts) {
        List<String> names = projection.totalNames();
        long[] none = new long[names.size()];
        List<OrganizationTotals> organizations = new ArrayList<>();
        for (UUID organization : new TreeSet<>(union(expected, actual))) {
            long[] want = expected.getOrDefault(organization, none);
            long[] have = actual.getOrDefault(organization, none);
            Map<String, Figures> totals = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                Figures figures = new Figures(want[i], have[i], have[i] - want[i]);
                totals.put(names.get(i), figures);
                if (have[i] != want[i]) {
                    drifts.add(new Drift(projection.processingGroup(), organization, names.get(i), figures.expected(),
                            figures.actual(), figures.drift()));
                }
            }
            organizations.add(new OrganizationTotals(organization, totals));
        }
        return new Checked(projection.processingGroup(), caughtUp, organizations);
    }

    private static java.util.Set<UUID> union(Map<UUID, long[]> a, Map<UUID, long[]> b) {
        java.util.Set<UUID> all = new java.util.HashSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    /** Applies the events up to {@code head} (of the organization, if one) to every handler that takes them. */
    private long replay(java.util.Collection<AnnotationEventHandlerAdapter> handlers, UUID organization, long head) {
        Map<AnnotationEventHandlerAdapter, List<EventMessage<?>>> batches = new LinkedHashMap<>();
        handlers.forEach(handler -> batches.put(handler, new ArrayList<>(BATCH)));
        long replayed = 0;
        try (Stream<? extends TrackedEventMessage<?>> history = events.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = history.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                if (event.trackingToken().position().orElse(0) > head) {
                    break;
                }
                boolean read = false;
                for (var entry : batches.entrySet()) {
                    if (!entry.getKey().canHandleType(event.getPayloadType())) {
                        continue;
                    }
                    if (organization != null && !HistoryReplay.concerns(event, organization)) {
                        break;
                    }
                    read = true;
                    entry.getValue().add(event);
                    if (entry.getValue().size() == BATCH) {
                        HistoryReplay.apply(entry.getKey(), entry.getValue());
                    }
                }
                replayed += read ? 1 : 0;
            }
        }
        batches.forEach(HistoryReplay::apply);
        return replayed;
    }
}
