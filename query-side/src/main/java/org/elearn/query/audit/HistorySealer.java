package org.elearn.query.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Seals the event history: walks {@code domain_event_entry} in global order, extends the
 * {@link AuditChain} over each event into {@code audit_seal}, and every N events writes a signed
 * {@link Checkpoint} (plus one for the tail once it has caught up and the last checkpoint has aged).
 *
 * <p>Runs on a thread of its own (never a Reactor thread), one round per {@code seal-interval}; a
 * round seals batch after batch until it has caught up. Each batch is one transaction that first
 * takes a transaction-scoped PostgreSQL advisory lock, so across instances only one seals at a time,
 * and a crash loses nothing: seals, checkpoints and progress commit together.
 *
 * <p><b>Gaps.</b> The global index comes from a sequence, so a missing index below a present one is
 * either a rolled-back transaction (gone for good) or one still committing. Sealing stops before a
 * gap until it has been waited out: {@code gap-timeout} since this sealer first saw it, or since the
 * event after it was stamped. An event that commits into a gap after that shows as {@code inserted}.
 */
@Component
class HistorySealer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HistorySealer.class);
    /** The advisory lock key: "auditsea" as a number, unlikely to collide with anyone else's. */
    private static final long LOCK = 0x6175646974736561L;

    private final DataSource dataSource;
    private final AuditSigningKey key;
    private final AuditProperties settings;
    private final AuditChain chain = new AuditChain(); // used only on the sealer's thread
    private volatile ScheduledExecutorService executor;

    HistorySealer(DataSource dataSource, AuditSigningKey key, AuditProperties settings) {
        this.dataSource = dataSource;
        this.key = key;
        this.settings = settings;
    }

    @Override
    public void start() {
        if (!settings.sealerEnabled()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "audit-sealer");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::round, 0, settings.sealInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown(); // a batch in flight finishes; its transaction is short
            try {
                running.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Seals until caught up or stopped at a gap. Never throws: that would end the schedule. */
    private void round() {
        try {
            while (sealBatch() && executor != null && !executor.isShutdown()) {
                // a full batch: there may be more
            }
        } catch (SQLException | RuntimeException e) {
            // types only: a message could quote row contents
            log.warn("audit sealing round failed, retried next round: {}", e.getClass().getName());
        }
    }

    private record Progress(long lastGlobalIndex, byte[] lastHash, long sealedCount, Long gapAt, Instant gapSeenAt) {
    }

    /** Seals one batch in one transaction; true when the batch was full, so more may be waiting. */
    boolean sealBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean more = lock(c) && sealBatch(c);
                c.commit();
                return more;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private boolean sealBatch(Connection c) throws SQLException {
        Progress progress = progress(c);
        List<AuditChain.StoredEvent> events = eventsAfter(c, progress.lastGlobalIndex());
        Instant now = Instant.now();
        List<AuditChain.StoredEvent> sealed = new ArrayList<>(events.size());
        List<byte[]> hashes = new ArrayList<>(events.size());
        List<Checkpoint> checkpoints = new ArrayList<>();
        byte[] hash = progress.lastHash();
        long count = progress.sealedCount();
        long expected = progress.lastGlobalIndex() + 1;
        Long gapAt = null;
        Instant gapSeenAt = null;
        for (AuditChain.StoredEvent event : events) {
            if (event.globalIndex() != expected && !waitedOut(expected, event, progress, now)) {
                gapAt = expected;
                gapSeenAt = Long.valueOf(expected).equals(progress.gapAt()) ? progress.gapSeenAt() : now;
                break;
            }
            hash = chain.next(hash, event);
            count++;
            sealed.add(event);
            hashes.add(hash);
            if (count % settings.checkpointEvery() == 0) {
                checkpoints.add(Checkpoint.sign(event.globalIndex(), count, hash, key));
            }
            expected = event.globalIndex() + 1;
        }
        long last = sealed.isEmpty() ? progress.lastGlobalIndex() : sealed.get(sealed.size() - 1).globalIndex();
        boolean more = gapAt == null && events.size() == settings.batchSize();
        if (!more && tailDue(c, checkpoints, count, now)) {
            checkpoints.add(Checkpoint.sign(last, count, hash, key));
        }
        insertSeals(c, sealed, hashes);
        insertCheckpoints(c, checkpoints);
        saveProgress(c, new Progress(last, hash, count, gapAt, gapSeenAt));
        return more;
    }

    /**
     * Whether the events sealed since the last checkpoint are to be signed now, off the every-N
     * rhythm: once caught up, when that checkpoint is older than {@code checkpoint-max-age}.
     */
    private boolean tailDue(Connection c, List<Checkpoint> batch, long sealedCount, Instant now) throws SQLException {
        if (!batch.isEmpty()) {
            return false; // just signed
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sealed_count, signed_at FROM audit_checkpoint ORDER BY global_index DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return sealedCount > 0;
            }
            return rs.getLong(1) < sealedCount && rs.getObject(2, OffsetDateTime.class).toInstant()
                    .isBefore(now.minus(settings.checkpointMaxAge()));
        }
    }

    /**
     * Whether the gap before {@code next} may be passed: this sealer has waited for it long enough,
     * or the event after it was stamped long enough ago (which lets a catch-up over old history pass
     * old gaps at once).
     */
    private boolean waitedOut(long gapAt, AuditChain.StoredEvent next, Progress progress, Instant now) {
        Instant deadline = now.minus(settings.gapTimeout());
        if (Long.valueOf(gapAt).equals(progress.gapAt()) && !progress.gapSeenAt().isAfter(deadline)) {
            return true;
        }
        try {
            return !Instant.parse(next.timeStamp()).isAfter(deadline);
        } catch (DateTimeParseException | NullPointerException unreadable) {
            return false; // only the sealer's own wait counts
        }
    }

    private static boolean lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1); // false: another instance is sealing; it will do this round's work
            }
        }
    }

    private static Progress progress(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_global_index, last_chain_hash, sealed_count, "
                + "gap_at, gap_seen_at FROM audit_seal_progress");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            OffsetDateTime seen = rs.getObject(5, OffsetDateTime.class);
            return new Progress(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getObject(4, Long.class),
                    seen == null ? null : seen.toInstant());
        }
    }

    private List<AuditChain.StoredEvent> eventsAfter(Connection c, long last) throws SQLException {
        try (PreparedStatement ps = AuditChain.streaming(c, "SELECT " + AuditChain.EVENT_COLUMNS
                + " FROM domain_event_entry e WHERE e.global_index > ? ORDER BY e.global_index LIMIT ?", 1_000)) {
            ps.setLong(1, last);
            ps.setInt(2, settings.batchSize());
            List<AuditChain.StoredEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(AuditChain.StoredEvent.read(rs, 1));
                }
            }
            return events;
        }
    }

    private static void insertSeals(Connection c, List<AuditChain.StoredEvent> events, List<byte[]> hashes)
            throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        // one statement over three arrays: several times faster than a JDBC batch of single-row inserts
        Long[] positions = new Long[events.size()];
        String[] identifiers = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            positions[i] = events.get(i).globalIndex();
            identifiers[i] = events.get(i).eventIdentifier();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_seal (global_index, event_identifier, "
                + "chain_hash) SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::bytea[])")) {
            ps.setArray(1, c.createArrayOf("bigint", positions));
            ps.setArray(2, c.createArrayOf("varchar", identifiers));
            ps.setArray(3, c.createArrayOf("bytea", hashes.toArray(new byte[0][])));
            ps.executeUpdate();
        }
    }

    private static void insertCheckpoints(Connection c, List<Checkpoint> checkpoints) throws SQLException {
        if (checkpoints.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_checkpoint (" + Checkpoint.COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Checkpoint checkpoint : checkpoints) {
                ps.setLong(1, checkpoint.globalIndex());
                ps.setLong(2, checkpoint.sealedCount());
                ps.setBytes(3, checkpoint.chainHash());
                ps.setObject(4, checkpoint.signedAt().atOffset(ZoneOffset.UTC));
                ps.setString(5, checkpoint.keyId());
                ps.setString(6, checkpoint.algorithm());
                ps.setBytes(7, checkpoint.signature());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void saveProgress(Connection c, Progress progress) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_seal_progress SET last_global_index = ?, "
                + "last_chain_hash = ?, sealed_count = ?, gap_at = ?, gap_seen_at = ?")) {
            ps.setLong(1, progress.lastGlobalIndex());
            ps.setBytes(2, progress.lastHash());
            ps.setLong(3, progress.sealedCount());
            if (progress.gapAt() == null) {
                ps.setNull(4, Types.BIGINT);
                ps.setNull(5, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setLong(4, progress.gapAt());
                ps.setObject(5, progress.gapSeenAt().atOffset(ZoneOffset.UTC));
            }
            ps.executeUpdate();
        }
    }
}
