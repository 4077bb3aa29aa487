package org.elearn.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.postgresql.PGStatement;

/**
 * The hash chain over the event store: the one definition that the sealer and the verifier share.
 *
 * <p>{@code h_0} is 32 zero bytes and {@code h_i = SHA-256(h_{i-1} || canonical(event_i))}, where
 * canonical is each of the fields of {@link StoredEvent}, in its declared order, as a 4-byte
 * big-endian length followed by the bytes: numbers as 8 bytes big-endian, text as UTF-8, payload
 * and metadata as stored. A null field is the length -1 and no bytes, so it never equals an empty
 * one. The stored bytes are hashed as they are: erasure destroys keys, never these bytes, so the
 * chain survives crypto-shredding.
 *
 * <p>Not thread-safe: one instance per thread (it reuses its digest).
 */
public final class AuditChain {

    public static final int HASH_BYTES = 32;

    /**
     * The event columns the chain covers, in the order {@link StoredEvent#read} expects them, for a
     * {@code domain_event_entry} aliased {@code e}.
     */
    static final String EVENT_COLUMNS = "e.global_index, e.event_identifier, e.aggregate_identifier, "
            + "e.sequence_number, e.type, e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data";

    /**
     * A statement that reads events in chunks of {@code fetchSize} (inside a transaction) in
     * PostgreSQL's binary format: bytea then arrives as raw bytes instead of hex text, which halves
     * what crosses the wire and spares the decoding.
     */
    static PreparedStatement streaming(Connection c, String sql, int fetchSize) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setFetchSize(fetchSize);
        ps.unwrap(PGStatement.class).setPrepareThreshold(-1); // -1: server-prepared at once, binary results
        return ps;
    }

    private final MessageDigest sha256;
    private final byte[] scratch = new byte[8];

    public AuditChain() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code h_0}: the chain before the first event. */
    public static byte[] genesis() {
        return new byte[HASH_BYTES];
    }

    /** {@code h_i} from {@code h_{i-1}} and event {@code i}. */
    public byte[] next(byte[] previous, StoredEvent event) {
        sha256.update(previous);
        number(event.globalIndex());
        text(event.eventIdentifier());
        text(event.aggregateIdentifier());
        number(event.sequenceNumber());
        text(event.type());
        text(event.payloadType());
        text(event.payloadRevision());
        text(event.timeStamp());
        bytes(event.payload());
        bytes(event.metaData());
        return sha256.digest();
    }

    private void number(long value) {
        length(Long.BYTES);
        for (int i = 0; i < 8; i++) {
            scratch[i] = (byte) (value >>> (56 - 8 * i));
        }
        sha256.update(scratch, 0, 8);
    }

    private void text(String value) {
        bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private void bytes(byte[] value) {
        if (value == null) {
            length(-1);
            return;
        }
        length(value.length);
        sha256.update(value);
    }

    private void length(int length) {
        for (int i = 0; i < 4; i++) {
            scratch[i] = (byte) (length >>> (24 - 8 * i));
        }
        sha256.update(scratch, 0, 4);
    }

    /** One stored event as the chain sees it: its position, identity and stored bytes. */
    public record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier,
                              long sequenceNumber, String type, String payloadType, String payloadRevision,
                              String timeStamp, byte[] payload, byte[] metaData) {

        /** Reads {@link #EVENT_COLUMNS} starting at column {@code first}. */
        static StoredEvent read(ResultSet rs, int first) throws SQLException {
            return new StoredEvent(rs.getLong(first), rs.getString(first + 1), rs.getString(first + 2),
                    rs.getLong(first + 3), rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6),
                    rs.getString(first + 7), rs.getBytes(first + 8), rs.getBytes(first + 9));
        }
    }
}
