package org.elearn.support.privacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Compaction after erasure. A deleted row stays in the table file (a dead tuple) and in the WAL
 * until PostgreSQL reuses the space, which may be never. Each erasure asks for the tables it
 * touched; {@code delay} after the last request (debounced, so a burst of erasures runs once) each
 * of them is rewritten with {@code VACUUM FULL} (new files, the old ones unlinked, indexes rebuilt),
 * then {@code pg_switch_wal()} and {@code CHECKPOINT} let the server remove the WAL segments that
 * still hold the erased values. Runs on a thread of its own, never on an event loop.
 *
 * <p>Needs the table owner (VACUUM FULL) and, for the WAL step, superuser or the {@code pg_checkpoint}
 * role plus {@code EXECUTE} on {@code pg_switch_wal()}; without them the step is logged and skipped.
 * The server must have {@code wal_recycle = off}, no {@code wal_keep_size}, no replication slot or
 * archive holding the segments, or an old segment is kept (renamed, with its old bytes) instead of
 * removed. See docs/operations.md.
 */
public class ErasureCompaction implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ErasureCompaction.class);
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

    private final DataSource dataSource;
    private final Duration delay;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "erasure-compaction");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> pending = new TreeSet<>();
    private ScheduledFuture<?> scheduled;
    private long runs;

    public ErasureCompaction(DataSource dataSource, Duration delay) {
        this.dataSource = dataSource;
        this.delay = delay;
    }

    /** Asks for these tables to be compacted {@code delay} after the last request; call after commit. */
    public synchronized void request(Collection<String> tables) {
        tables.forEach(table -> {
            if (!TABLE.matcher(table).matches()) {
                throw new IllegalArgumentException("not a table name: " + table);
            }
        });
        pending.addAll(tables);
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        scheduled = executor.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks for these tables once the caller's transaction commits (the rows are gone only then), or
     * at once outside a transaction; a rolled-back erasure asks for nothing.
     */
    public void requestAfterCommit(Collection<String> tables) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            request(tables);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                request(tables);
            }
        });
    }

    /** The tables asked for and not compacted yet; for tests. */
    public synchronized Set<String> pendingTables() {
        return Set.copyOf(pending);
    }

    /** How many compactions have finished; for tests and metrics. */
    public synchronized long runs() {
        return runs;
    }

    private void run() {
        Set<String> tables;
        synchronized (this) {
            tables = new TreeSet<>(pending);
            pending.clear();
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true); // VACUUM cannot run inside a transaction
            try (Statement st = connection.createStatement()) {
                for (String table : tables) {
                    st.execute("VACUUM (FULL) " + table);
                }
            }
            try (Statement st = connection.createStatement()) {
                // the segment holding the erased values is closed, then the checkpoint removes it
                st.execute("SELECT pg_switch_wal()");
                st.execute("CHECKPOINT");
            } catch (SQLException e) {
                log.warn("compaction after erasure: the WAL step needs pg_checkpoint and pg_switch_wal(): {}",
                        e.getMessage());
            }
            log.info("compaction after erasure: rewrote {} table(s) and closed the WAL segment", tables.size());
        } catch (SQLException e) {
            // asked again by the next erasure; the tables' names are not personal data
            log.warn("compaction after erasure failed for {}: {}", tables, e.getMessage());
            synchronized (this) {
                pending.addAll(tables);
            }
        } finally {
            synchronized (this) {
                runs++;
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
