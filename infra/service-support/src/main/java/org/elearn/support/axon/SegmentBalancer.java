package org.elearn.support.axon;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Spreads the segments of every pooled processor over the live instances of a service. Without it
 * the first instance claimed every segment and a second one stayed idle until the first died.
 *
 * <p>Every {@code interval} the instance refreshes its row in {@code processor_instance} and counts
 * the rows of its service refreshed within {@code liveness} (the token claim timeout: an instance
 * gone longer than that has lost its claims too). Each processor may then hold its fair share,
 * {@code ceil(segments / live instances)}, as its {@link MaxSegmentProvider}: Axon's coordinator
 * reads it at every claim round ({@code token-claim-interval}), releases the segments above it for
 * one round, and claims no more than it, so the other instances pick the released ones up. When an
 * instance goes away the share grows back and the others claim its segments once its claims expire.
 * Times are the database's, so instances need not agree on the time of day.
 */
public class SegmentBalancer implements MaxSegmentProvider, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final JdbcTemplate jdbc;
    private final TokenSchema tokens;
    private final String instanceId;
    private final String service;
    private final Duration interval;
    private final Duration liveness;
    private final Map<String, Integer> segments = new ConcurrentHashMap<>();
    private volatile int liveInstances = 1;
    private volatile ScheduledExecutorService scheduler;

    public SegmentBalancer(DataSource dataSource, TokenSchema tokens, String instanceId, String service,
                           Duration interval, Duration liveness) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tokens = tokens;
        this.instanceId = instanceId;
        this.service = service;
        this.interval = interval;
        this.liveness = liveness;
    }

    /** This instance's fair share of the processor's segments; any number while its segments are unknown. */
    @Override
    public int getMaxSegments(String processorName) {
        Integer total = segments.get(processorName);
        return total == null ? Short.MAX_VALUE : fairShare(total, liveInstances);
    }

    static int fairShare(int segments, int liveInstances) {
        return Math.max(1, -Math.floorDiv(-segments, Math.max(1, liveInstances)));
    }

    /** Records this instance as live and reads the instances and segments again. */
    void heartbeat() {
        try {
            jdbc.update("INSERT INTO processor_instance (instance_id, service, heartbeat_at) VALUES (?, ?, now()) "
                    + "ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = now()", instanceId, service);
            Integer live = jdbc.queryForObject("SELECT count(*) FROM processor_instance WHERE service = ? "
                    + "AND heartbeat_at > now() - make_interval(secs => ?)", Integer.class,
                    service, liveness.toMillis() / 1000.0);
            liveInstances = Math.max(1, live == null ? 1 : live);
            jdbc.query("SELECT " + tokens.processorNameColumn() + ", count(*) FROM " + tokens.tokenTable()
                    + " GROUP BY " + tokens.processorNameColumn(),
                    row -> {
                        segments.put(row.getString(1), row.getInt(2));
                    });
            // rows of instances gone for good; a day leaves them for an operator to see
            jdbc.update("DELETE FROM processor_instance WHERE heartbeat_at < now() - interval '1 day'");
        } catch (RuntimeException e) {
            // keep the last shares: while the database is away no segment moves anyway
            log.warn("Could not record the instance's heartbeat for segment balancing: {}", e.toString());
        }
    }

    /** The node id this instance writes into {@code token_entry.owner}. */
    public String instanceId() {
        return instanceId;
    }

    int liveInstances() {
        return liveInstances;
    }

    @Override
    public void start() {
        heartbeat();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::heartbeat, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    /** Stops the heartbeat and removes the row, so the other instances take the segments over without waiting. */
    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        scheduler = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        try {
            jdbc.update("DELETE FROM processor_instance WHERE instance_id = ?", instanceId);
        } catch (RuntimeException e) {
            log.warn("Could not remove the instance's heartbeat: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Starts before Axon's processors (which start in a later phase) and stops after them. */
    @Override
    public int getPhase() {
        return 0;
    }
}
