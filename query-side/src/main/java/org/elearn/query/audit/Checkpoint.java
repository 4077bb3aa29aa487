package org.elearn.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * A signed checkpoint of the chain: after {@code sealedCount} sealed events, the last of them at
 * {@code globalIndex}, the chain hash was {@code chainHash}. The signature covers
 * {@link #signedText()}, which an auditor can rebuild from the other fields with any Ed25519 tool.
 */
public record Checkpoint(long globalIndex, long sealedCount, byte[] chainHash, Instant signedAt, String keyId,
                         String algorithm, byte[] signature) {

    /** The {@code audit_checkpoint} columns, in the order {@link #read} expects them. */
    static final String COLUMNS = "global_index, sealed_count, chain_hash, signed_at, key_id, algorithm, signature";

    static Checkpoint read(ResultSet rs) throws SQLException {
        return new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getBytes(3),
                rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getString(6), rs.getBytes(7));
    }

    /** A new checkpoint signed now. The time is cut to microseconds, which PostgreSQL keeps exactly. */
    static Checkpoint sign(long globalIndex, long sealedCount, byte[] chainHash, AuditSigningKey key) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        byte[] message = signedText(globalIndex, sealedCount, chainHash, now).getBytes(StandardCharsets.UTF_8);
        return new Checkpoint(globalIndex, sealedCount, chainHash, now, key.keyId(), AuditSigningKey.ALGORITHM,
                key.sign(message));
    }

    /**
     * What is signed, as UTF-8: five lines, each ending in a line feed.
     * <pre>
     * elearn-audit-checkpoint/1
     * global_index=&lt;decimal&gt;
     * sealed_count=&lt;decimal&gt;
     * chain_hash=&lt;64 lower-case hex digits&gt;
     * signed_at_us=&lt;microseconds since 1970-01-01T00:00Z, decimal&gt;
     * </pre>
     */
    public String signedText() {
        return signedText(globalIndex, sealedCount, chainHash, signedAt);
    }

    private static String signedText(long globalIndex, long sealedCount, byte[] chainHash, Instant signedAt) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, signedAt);
        return "elearn-audit-checkpoint/1\nglobal_index=" + globalIndex + "\nsealed_count=" + sealedCount
                + "\nchain_hash=" + HexFormat.of().formatHex(chainHash) + "\nsigned_at_us=" + micros + "\n";
    }

    /** Whether the signature is this key's over {@link #signedText()}. */
    public boolean signatureValid(PublicKey key) {
        return AuditSigningKey.ALGORITHM.equals(algorithm)
                && AuditSigningKey.verify(key, signedText().getBytes(StandardCharsets.UTF_8), signature);
    }
}
