package org.elearn.query.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Re-checks the stored history against the hash chain and the signed checkpoints. A plain class on a
 * {@link DataSource}, so the HTTP endpoint, the {@code verify-history} command and benchmarks share it.
 *
 * <p>It starts at the last checkpoint before {@code from} (checking its signature) or at the chain's
 * start, then reads the seals and the events side by side in one streaming pass (two cursors on the
 * global index merged as they are fetched in chunks, in one read-only snapshot), recomputes the chain and stops at the
 * first position where it breaks:
 * <ul>
 *   <li>{@code missing}: a sealed event is gone;</li>
 *   <li>{@code inserted}: an event sits inside the sealed range without a seal;</li>
 *   <li>{@code reordered}: the event at a position is one that was sealed at another position;</li>
 *   <li>{@code changed}: the event's identity or stored bytes are not what was sealed;</li>
 *   <li>{@code checkpoint-mismatch}: a checkpoint disagrees with the recomputed chain or count;</li>
 *   <li>{@code bad-signature}: a checkpoint's signature fails, or its key is not trusted.</li>
 * </ul>
 * Events above the sealed horizon are counted as unsealed, not failures. Thread-safe: each call
 * uses its own connection and digest.
 */
public final class HistoryVerifier {

    private static final int FETCH_SIZE = 5_000;

    private final DataSource dataSource;
    private final Map<String, PublicKey> trustedKeys = new HashMap<>();

    /**
     * @param trustedKeys the public keys whose checkpoint signatures are accepted, by their key id;
     *                    none means signatures are not checked (the result says so)
     */
    public HistoryVerifier(DataSource dataSource, Collection<PublicKey> trustedKeys) {
        this.dataSource = dataSource;
        trustedKeys.forEach(key -> this.trustedKeys.put(AuditSigningKey.keyId(key), key));
    }

    /** Why the chain breaks at a position. */
    public enum Reason {
        CHANGED, MISSING, REORDERED, INSERTED, CHECKPOINT_MISMATCH, BAD_SIGNATURE;

        /** {@code changed}, {@code checkpoint-mismatch}, ... */
        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The first position where the chain breaks. The detail names positions and event ids only. */
    public record Break(long position, Reason reason, String detail) {
    }

    /**
     * @param checked            positions compared (from the anchor on)
     * @param firstBreak         null when the history is intact
     * @param sealedUpTo         the highest sealed global index (0 before anything is sealed)
     * @param unsealed           events in the requested range above the sealed horizon
     * @param checkpoints        checkpoints verified, the anchor included
     * @param signaturesChecked  false when the verifier was given no trusted key
     */
    public record Result(boolean ok, long checked, Break firstBreak, long sealedUpTo, long unsealed,
                         long checkpoints, boolean signaturesChecked) {
    }

    /**
     * Verifies the sealed history from {@code from} to {@code to} (global indexes, both inclusive,
     * either null for open).
     *
     * @throws IllegalArgumentException when a bound is negative or {@code from > to}
     */
    public Result verify(Long from, Long to) throws SQLException {
        if ((from != null && from < 0) || (to != null && to < 0) || (from != null && to != null && from > to)) {
            throw new IllegalArgumentException("from and to must be non-negative and from <= to");
        }
        long first = from == null ? 0 : from;
        long last = to == null ? Long.MAX_VALUE : to;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // cursor-based fetching needs a transaction
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot for every query
            try {
                return verify(c, first, last);
            } finally {
                c.rollback();
            }
        }
    }

    private Result verify(Connection c, long first, long last) throws SQLException {
        long sealedUpTo = scalar(c, "SELECT coalesce(max(global_index), 0) FROM audit_seal");
        long unsealed = scalar(c, "SELECT count(*) FROM domain_event_entry WHERE global_index > ? AND global_index <= ?",
                Math.max(sealedUpTo, first - 1), last);
        long end = Math.min(last, sealedUpTo);
        Run run = new Run(sealedUpTo, unsealed);
        if (first > end) {
            return run.result();
        }
        Checkpoint anchor = anchor(c, first);
        if (anchor != null) {
            run.checkpoints++;
            if (!signatureValid(anchor)) {
                return run.broken(anchor.globalIndex(), Reason.BAD_SIGNATURE, badSignature(anchor));
            }
            run.hash = anchor.chainHash();
            run.sealedCount = anchor.sealedCount();
        }
        long start = anchor == null ? 0 : anchor.globalIndex();
        TreeMap<Long, Checkpoint> checkpoints = checkpoints(c, start, end);
        try (PreparedStatement seals = AuditChain.streaming(c, "SELECT global_index, event_identifier, chain_hash"
                + " FROM audit_seal WHERE global_index > ? AND global_index <= ? ORDER BY global_index", FETCH_SIZE);
             PreparedStatement events = AuditChain.streaming(c, "SELECT " + AuditChain.EVENT_COLUMNS
                     + " FROM domain_event_entry e WHERE e.global_index > ? AND e.global_index <= ?"
                     + " ORDER BY e.global_index", FETCH_SIZE)) {
            for (PreparedStatement ps : List.of(seals, events)) {
                ps.setLong(1, start);
                ps.setLong(2, end);
            }
            // Two cursors merged here rather than a FULL JOIN: PostgreSQL sorts a full join's output
            // (payloads included) before it returns the first row; two index scans stream.
            try (ResultSet s = seals.executeQuery(); ResultSet e = events.executeQuery()) {
                AuditChain chain = new AuditChain();
                boolean moreSeals = s.next();
                boolean moreEvents = e.next();
                while (moreSeals || moreEvents) {
                    long sealPosition = moreSeals ? s.getLong(1) : Long.MAX_VALUE;
                    long eventPosition = moreEvents ? e.getLong(1) : Long.MAX_VALUE;
                    Result broken = check(c, chain, run, checkpoints,
                            sealPosition <= eventPosition ? new Seal(sealPosition, s.getString(2), s.getBytes(3)) : null,
                            eventPosition <= sealPosition ? AuditChain.StoredEvent.read(e, 1) : null);
                    if (broken != null) {
                        return broken;
                    }
                    moreSeals = sealPosition <= eventPosition ? s.next() : moreSeals;
                    moreEvents = eventPosition <= sealPosition ? e.next() : moreEvents;
                }
            }
        }
        if (!checkpoints.isEmpty()) { // a checkpoint at a position that has neither seal nor event
            Checkpoint orphan = checkpoints.firstEntry().getValue();
            return run.broken(orphan.globalIndex(), Reason.CHECKPOINT_MISMATCH, "a checkpoint at a position that was "
                    + "never sealed");
        }
        return run.result();
    }

    private record Seal(long position, String eventIdentifier, byte[] chainHash) {
    }

    /** Checks one position: its seal, its event, or both; a result when the chain breaks there. */
    private Result check(Connection c, AuditChain chain, Run run, TreeMap<Long, Checkpoint> checkpoints, Seal seal,
                         AuditChain.StoredEvent event) throws SQLException {
        run.checked++;
        if (seal == null) {
            return run.broken(event.globalIndex(), Reason.INSERTED,
                    "event " + event.eventIdentifier() + " sits inside the sealed range but was never sealed");
        }
        if (event == null) {
            return run.broken(seal.position(), Reason.MISSING, "sealed event " + seal.eventIdentifier() + " is gone");
        }
        if (!event.eventIdentifier().equals(seal.eventIdentifier())) {
            Long elsewhere = sealedAt(c, event.eventIdentifier());
            return elsewhere != null
                    ? run.broken(seal.position(), Reason.REORDERED, "holds event " + event.eventIdentifier()
                            + ", sealed at position " + elsewhere + ", instead of " + seal.eventIdentifier())
                    : run.broken(seal.position(), Reason.CHANGED, "holds event " + event.eventIdentifier()
                            + ", which was never sealed, instead of " + seal.eventIdentifier());
        }
        byte[] hash = chain.next(run.hash, event);
        if (!Arrays.equals(hash, seal.chainHash())) {
            return run.broken(seal.position(), Reason.CHANGED, "the stored event differs from what was sealed");
        }
        run.hash = hash;
        run.sealedCount++;
        Checkpoint checkpoint = checkpoints.remove(seal.position());
        if (checkpoint == null) {
            return null;
        }
        run.checkpoints++;
        if (!Arrays.equals(checkpoint.chainHash(), hash)) {
            return run.broken(seal.position(), Reason.CHECKPOINT_MISMATCH,
                    "the checkpoint's chain hash differs from the recomputed one");
        }
        if (checkpoint.sealedCount() != run.sealedCount) {
            return run.broken(seal.position(), Reason.CHECKPOINT_MISMATCH, "the checkpoint counts "
                    + checkpoint.sealedCount() + " sealed events, the seals " + run.sealedCount);
        }
        if (!signatureValid(checkpoint)) {
            return run.broken(seal.position(), Reason.BAD_SIGNATURE, badSignature(checkpoint));
        }
        return null;
    }

    private boolean signatureValid(Checkpoint checkpoint) {
        if (trustedKeys.isEmpty()) {
            return true; // the result reports signaturesChecked=false
        }
        PublicKey key = trustedKeys.get(checkpoint.keyId());
        return key != null && checkpoint.signatureValid(key);
    }

    private String badSignature(Checkpoint checkpoint) {
        return trustedKeys.containsKey(checkpoint.keyId())
                ? "the checkpoint's signature does not verify with key " + checkpoint.keyId()
                : "the checkpoint is signed with key " + checkpoint.keyId() + ", which is not trusted";
    }

    /** The last checkpoint before {@code first}: the chain is trusted up to it once its signature holds. */
    private static Checkpoint anchor(Connection c, long first) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Checkpoint.COLUMNS
                + " FROM audit_checkpoint WHERE global_index < ? ORDER BY global_index DESC LIMIT 1")) {
            ps.setLong(1, first);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Checkpoint.read(rs) : null;
            }
        }
    }

    /** The checkpoints after the anchor: one per N events, so few enough to hold. */
    private static TreeMap<Long, Checkpoint> checkpoints(Connection c, long after, long end) throws SQLException {
        TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Checkpoint.COLUMNS
                + " FROM audit_checkpoint WHERE global_index > ? AND global_index <= ?")) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, after);
            ps.setLong(2, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Checkpoint checkpoint = Checkpoint.read(rs);
                    checkpoints.put(checkpoint.globalIndex(), checkpoint);
                }
            }
        }
        return checkpoints;
    }

    /** Where an event id is sealed. Asked once, at a break only. */
    private static Long sealedAt(Connection c, String eventIdentifier) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT global_index FROM audit_seal WHERE event_identifier = ?")) {
            ps.setString(1, eventIdentifier);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static long scalar(Connection c, String sql, long... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setLong(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The state of one verification as it walks the chain. */
    private final class Run {
        final long sealedUpTo;
        final long unsealed;
        byte[] hash = AuditChain.genesis();
        long sealedCount;
        long checked;
        long checkpoints;

        Run(long sealedUpTo, long unsealed) {
            this.sealedUpTo = sealedUpTo;
            this.unsealed = unsealed;
        }

        Result result() {
            return new Result(true, checked, null, sealedUpTo, unsealed, checkpoints, !trustedKeys.isEmpty());
        }

        Result broken(long position, Reason reason, String detail) {
            return new Result(false, checked, new Break(position, reason, detail), sealedUpTo, unsealed, checkpoints,
                    !trustedKeys.isEmpty());
        }
    }
}
