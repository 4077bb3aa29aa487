package org.elearn.query.rebuild;

import org.elearn.support.axon.SealedEvents;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.elearn.events.audit.ProjectionRebuildEnded;
import org.elearn.events.audit.ProjectionRebuildRequested;
import org.elearn.events.privacy.DataSubjectSequencingPolicy;
import org.elearn.query.QueryErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a projection from the history while the live one keeps serving.
 * <ol>
 * <li>The {@code projection_rebuild} row is claimed: one rebuild per projection across every
 *     instance (a rebuild whose instance stopped reporting for {@code stale-after} may be taken over).
 * <li>Empty shadow tables are created like the live ones, and a processor of its own
 *     ({@code <name>-rebuild}, with its own tokens) replays the whole history into them.
 * <li>Once it has caught up with the head, it stops, and one transaction swaps the shadow tables
 *     in: it locks the live and shadow tables (reads wait for the instant of the swap, none fails),
 *     gives the live processor the rebuild's tokens under a claim no instance holds, renames the
 *     tables, and drops the old ones. Each instance's live processor then fails its next token
 *     update (its transaction in flight rolls back), and once that claim times out (Axon's claim
 *     timeout, 10 s by default) claims the segments again and carries on from the rebuild's
 *     position, on the new tables. Every instance reads the tables by name, so all of them switch at the commit.
 * </ol>
 * Progress (position reached, head, rate, ETA) is kept in the row, so any instance can report it.
 */
@Component
@EnableConfigurationProperties(RebuildProperties.class)
public class ProjectionRebuilds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final int SEGMENTS = 4;
    /** The owner the live tokens get at the swap; no instance has this node id. */
    static final String SWAP_OWNER = "projection-rebuild-swap";

    /** What the status endpoint and the CLI show. */
    public record Status(String projection, String state, long position, long head, double eventsPerSecond,
                         Long etaSeconds, double percent, Instant startedAt, Instant updatedAt, Instant finishedAt,
                         String error) {
    }

    private final Map<String, RebuildableProjection> projections;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TokenStore tokenStore;
    private final TransactionManager axonTransactions;
    private final EventGateway events;
    private final DataSubjectSequencingPolicy sequencing;
    private final SealedEvents sealedEvents;
    private final Duration staleAfter;
    private final int batchSize;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final ScheduledExecutorService ticks =
            Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("projection-rebuild-"));
    private final List<Rebuild> running = new ArrayList<>();

    ProjectionRebuilds(List<RebuildableProjection> projections, JdbcTemplate jdbc, TransactionTemplate tx,
                       TokenStore tokenStore, TransactionManager axonTransactions,
                       EventGateway events, DataSubjectSequencingPolicy sequencing, SealedEvents sealedEvents,
                       RebuildProperties properties) {
        this.projections = projections.stream().collect(Collectors.toMap(RebuildableProjection::name,
                Function.identity()));
        this.jdbc = jdbc;
        this.tx = tx;
        this.tokenStore = tokenStore;
        this.axonTransactions = axonTransactions;
        this.events = events;
        this.sequencing = sequencing;
        this.sealedEvents = sealedEvents;
        this.staleAfter = properties.staleAfter();
        this.batchSize = properties.batchSize();
    }

    /** The projections that can be rebuilt. */
    public List<String> names() {
        return projections.keySet().stream().sorted().toList();
    }

    /** Claims the rebuild and starts it in the background; 404 for an unknown projection, 409 if one runs. */
    public Status start(String name, UUID requestedBy) {
        RebuildableProjection projection = known(name);
        int claimed = jdbc.update("""
                INSERT INTO projection_rebuild AS r (projection, state, requested_by, node, started_at, updated_at)
                VALUES (?, 'RUNNING', ?, ?, now(), now())
                ON CONFLICT (projection) DO UPDATE SET state = 'RUNNING', requested_by = EXCLUDED.requested_by,
                    node = EXCLUDED.node, started_at = now(), updated_at = now(), finished_at = NULL, position = -1,
                    head = -1, rate = 0, error = NULL
                 WHERE r.state IN ('DONE', 'FAILED') OR r.updated_at < now() - ? * interval '1 second'""",
                name, requestedBy, node, staleAfter.toSeconds());
        if (claimed == 0) {
            throw QueryErrors.REBUILD_RUNNING.refusal(
                    "A rebuild of this projection is already running; follow it at the status endpoint.");
        }
        Rebuild rebuild = new Rebuild(UUID.randomUUID(), projection);
        tx.executeWithoutResult(status -> events.publish(
                new ProjectionRebuildRequested(rebuild.id, name, requestedBy, Instant.now())));
        synchronized (running) {
            running.add(rebuild);
        }
        ticks.execute(() -> begin(rebuild));
        return status(name).orElseThrow();
    }

    /** The latest rebuild of the projection, if there ever was one; 404 for an unknown projection. */
    public Optional<Status> status(String name) {
        known(name);
        return jdbc.query("SELECT projection, state, position, head, rate, started_at, updated_at, finished_at, error"
                + " FROM projection_rebuild WHERE projection = ?", (rs, i) -> {
                    long position = rs.getLong("position");
                    long head = rs.getLong("head");
                    double rate = rs.getDouble("rate");
                    String state = rs.getString("state");
                    Long eta = state.equals("RUNNING") && rate > 0 ? Math.round(Math.max(0, head - position) / rate) : null;
                    double percent = head <= 0 ? (state.equals("DONE") ? 100 : 0)
                            : Math.min(100, Math.round(1000.0 * Math.max(0, position) / head) / 10.0);
                    return new Status(rs.getString("projection"), state, position, head, rate, eta, percent,
                            instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("updated_at")),
                            instant(rs.getTimestamp("finished_at")), rs.getString("error"));
                }, name).stream().findFirst();
    }

    private RebuildableProjection known(String name) {
        RebuildableProjection projection = projections.get(name);
        if (projection == null) {
            throw QueryErrors.UNKNOWN_PROJECTION.refusal(
                    "No projection of this name can be rebuilt; known: " + String.join(", ", names()) + ".");
        }
        return projection;
    }

    /** One rebuild in progress on this instance. */
    private final class Rebuild {
        final UUID id;
        final RebuildableProjection projection;
        PooledStreamingEventProcessor processor;
        /** The processor's threads, stopped when the rebuild ends (they are not daemons). */
        final ScheduledExecutorService coordinator =
                Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("rebuild-coordinator-"));
        final ScheduledExecutorService workers =
                Executors.newScheduledThreadPool(2, new CustomizableThreadFactory("rebuild-worker-"));
        ScheduledFuture<?> tick;
        long headAtStart;
        long lastPosition = -1;
        long lastNanos = System.nanoTime();
        double rate;

        Rebuild(UUID id, RebuildableProjection projection) {
            this.id = id;
            this.projection = projection;
        }

        String processorName() {
            return projection.name() + "-rebuild";
        }
    }

    private void begin(Rebuild rebuild) {
        try {
            for (String table : rebuild.projection.tables()) {
                jdbc.execute("DROP TABLE IF EXISTS " + table + "_shadow");
                jdbc.execute("CREATE TABLE " + table + "_shadow (LIKE " + table + " INCLUDING ALL)");
            }
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", rebuild.processorName());
            rebuild.headAtStart = head();
            rebuild.processor = PooledStreamingEventProcessor.builder()
                    .name(rebuild.processorName())
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                            .eventHandlers(rebuild.projection.shadowProjection())
                            .sequencingPolicy(sequencing)
                            .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                            .build())
                    .errorHandler(PropagatingErrorHandler.instance())
                    .rollbackConfiguration(RollbackConfigurationType.ANY_THROWABLE)
                    // a projection that reads no personal field rebuilds without decrypting
                    .messageSource(sealedEvents.sourceFor(rebuild.projection.shadowProjection()))
                    .tokenStore(tokenStore)
                    .transactionManager(axonTransactions)
                    .coordinatorExecutor(rebuild.coordinator)
                    .workerExecutor(rebuild.workers)
                    .initialSegmentCount(SEGMENTS)
                    .initialToken(StreamableMessageSource::createTailToken)
                    .batchSize(batchSize)
                    .build();
            rebuild.processor.start();
            rebuild.tick = ticks.scheduleWithFixedDelay(() -> tick(rebuild), 200, 500, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            fail(rebuild, e);
        }
    }

    /** Reports progress; once the rebuild has caught up with the head, swaps it in. */
    private void tick(Rebuild rebuild) {
        try {
            Map<Integer, EventTrackerStatus> segments = rebuild.processor.processingStatus();
            Optional<EventTrackerStatus> failed = segments.values().stream().filter(EventTrackerStatus::isErrorState)
                    .findFirst();
            if (failed.isPresent()) {
                throw new IllegalStateException("the rebuild processor failed", failed.get().getError());
            }
            long head = head();
            long position = segments.size() < SEGMENTS ? -1 : segments.values().stream()
                    .mapToLong(status -> status.getCurrentPosition().orElse(-1)).min().orElse(-1);
            long now = System.nanoTime();
            if (position > rebuild.lastPosition && rebuild.lastPosition >= 0) {
                double instant = (position - rebuild.lastPosition) / ((now - rebuild.lastNanos) / 1e9);
                rebuild.rate = rebuild.rate == 0 ? instant : 0.7 * rebuild.rate + 0.3 * instant;
            }
            if (position != rebuild.lastPosition) {
                rebuild.lastPosition = position;
                rebuild.lastNanos = now;
            }
            boolean caughtUp = segments.size() == SEGMENTS
                    && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp)
                    && position >= rebuild.headAtStart;
            report(rebuild, caughtUp ? "SWAPPING" : "RUNNING", Math.max(position, -1), head);
            if (caughtUp) {
                rebuild.tick.cancel(false);
                rebuild.processor.shutdownAsync().get(30, TimeUnit.SECONDS);
                long swappedAt = swap(rebuild);
                finish(rebuild, "DONE", swappedAt, null);
                log.info("projection {} rebuilt up to position {} and swapped in", rebuild.projection.name(), swappedAt);
            }
        } catch (Exception e) {
            fail(rebuild, e);
        }
    }

    /** The swap, in one transaction; answers the position the rebuilt tables had reached. */
    private long swap(Rebuild rebuild) {
        String name = rebuild.projection.name();
        List<String> tables = rebuild.projection.tables();
        Long position = tx.execute(status -> {
            List<String> all = new ArrayList<>(tables);
            tables.forEach(table -> all.add(table + "_shadow"));
            jdbc.execute("LOCK TABLE " + String.join(", ", all) + " IN ACCESS EXCLUSIVE MODE");
            rebuild.projection.beforeSwap(jdbc);
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", name);
            // owned by no instance, with a fresh claim: every live work package fails its next token
            // update (within the claim-extension interval), rolls back and lets go; once the claim
            // times out they claim the segments again and start from the rebuild's tokens. (With no
            // owner at all, Axon's storeToken would claim the row and write its own position over it.)
            jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner)"
                    + " SELECT ?, segment, token, token_type, ?, ? FROM token_entry WHERE processor_name = ?",
                    name, DateTimeUtils.formatInstant(Instant.now()), SWAP_OWNER, rebuild.processorName());
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", rebuild.processorName());
            for (String table : tables) {
                jdbc.execute("ALTER TABLE " + table + " RENAME TO " + table + "_retired");
                jdbc.execute("ALTER TABLE " + table + "_shadow RENAME TO " + table);
            }
            jdbc.execute("DROP TABLE " + String.join(", ", tables.stream().map(t -> t + "_retired").toList()));
            return rebuild.lastPosition;
        });
        return position == null ? -1 : position;
    }

    private void fail(Rebuild rebuild, Exception e) {
        // exception types only: a message could quote event content, which may be decrypted personal data
        String cause = causes(e);
        log.error("rebuild of projection {} failed; the live projection keeps serving: {}", rebuild.projection.name(),
                cause);
        try {
            if (rebuild.tick != null) {
                rebuild.tick.cancel(false);
            }
            if (rebuild.processor != null) {
                rebuild.processor.shutDown();
            }
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", rebuild.processorName());
            for (String table : rebuild.projection.tables()) {
                jdbc.execute("DROP TABLE IF EXISTS " + table + "_shadow");
            }
        } finally {
            finish(rebuild, "FAILED", -1, cause);
        }
    }

    /** The chain of exception types, outermost first, without messages. */
    static String causes(Throwable error) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = error; t != null && chain.length() < 1000; t = t.getCause() == t ? null : t.getCause()) {
            chain.append(chain.length() == 0 ? "" : " <- ").append(t.getClass().getName());
        }
        return chain.toString();
    }

    private void report(Rebuild rebuild, String state, long position, long head) {
        jdbc.update("UPDATE projection_rebuild SET state = ?, position = ?, head = ?, rate = ?, updated_at = now()"
                + " WHERE projection = ? AND node = ?", state, position, head, rebuild.rate, rebuild.projection.name(), node);
    }

    private void finish(Rebuild rebuild, String state, long position, String error) {
        synchronized (running) {
            running.remove(rebuild);
        }
        rebuild.coordinator.shutdownNow();
        rebuild.workers.shutdownNow();
        jdbc.update("UPDATE projection_rebuild SET state = ?, position = GREATEST(position, ?), updated_at = now(),"
                + " finished_at = now(), error = ? WHERE projection = ? AND node = ?",
                state, position, error, rebuild.projection.name(), node);
        tx.executeWithoutResult(status -> events.publish(new ProjectionRebuildEnded(rebuild.id,
                rebuild.projection.name(), state.equals("DONE"), position, Instant.now())));
    }

    private long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A rebuild cut short by shutdown fails; the live projection is untouched. */
    @Override
    public void destroy() {
        List<Rebuild> left;
        synchronized (running) {
            left = new ArrayList<>(running);
        }
        left.forEach(rebuild -> fail(rebuild, new IllegalStateException("the instance stopped")));
        ticks.shutdownNow();
    }
}
