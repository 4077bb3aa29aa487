package org.elearn.command.activity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.elearn.events.activity.IngestionCredentialIssued;
import org.elearn.events.activity.IngestionCredentialRevoked;
import org.elearn.command.CommandErrors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Per-organization xAPI ingestion credentials: a public key and a 256-bit secret, sent as HTTP
 * Basic. The secret is shown once; only its SHA-256 is stored. Lookups are cached for a few seconds
 * so a busy client costs no query per request; a revocation is immediate on this instance and takes
 * at most that long on the others.
 */
@Service
public class IngestionCredentials {

    /** What an authenticated ingestion request acts as. */
    public record Credential(String key, UUID organizationId, boolean refusesUnknownActors) {
    }

    /** A new credential, with the secret in clear for the only time. */
    record Issued(String key, String secret) {
    }

    private record Stored(Credential credential, byte[] secretSha256, boolean revoked) {
    }

    static final Duration CACHE_TTL = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EventGateway events;
    private final Cache<String, Optional<Stored>> cache =
            Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(CACHE_TTL).build();

    IngestionCredentials(JdbcTemplate jdbc, TransactionTemplate tx, EventGateway events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
    }

    Issued issue(UUID organizationId, String label, boolean refusesUnknownActors, UUID issuedBy) {
        String key = "xk_" + HexFormat.of().formatHex(random(10));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
        tx.executeWithoutResult(status -> {
            jdbc.update("""
                    INSERT INTO xapi_credential (credential_key, organization_id, label, secret_sha256,
                                                 refuses_unknown_actors, issued_by) VALUES (?, ?, ?, ?, ?, ?)""",
                    key, organizationId, label, sha256(secret), refusesUnknownActors, issuedBy);
            events.publish(new IngestionCredentialIssued(key, organizationId, label, refusesUnknownActors, issuedBy));
        });
        return new Issued(key, secret);
    }

    void revoke(UUID organizationId, String key, UUID revokedBy) {
        tx.executeWithoutResult(status -> {
            List<Timestamp> revoked = jdbc.queryForList(
                    "SELECT revoked_at FROM xapi_credential WHERE credential_key = ? AND organization_id = ? FOR UPDATE",
                    Timestamp.class, key, organizationId);
            if (revoked.isEmpty()) {
                throw CommandErrors.CREDENTIAL_NOT_FOUND.refusal("No such ingestion credential.");
            }
            if (revoked.get(0) == null) {
                jdbc.update("UPDATE xapi_credential SET revoked_at = now() WHERE credential_key = ?", key);
                events.publish(new IngestionCredentialRevoked(key, organizationId, revokedBy));
            }
        });
        cache.invalidate(key);
    }

    List<Map<String, Object>> list(UUID organizationId) {
        return jdbc.query("""
                SELECT credential_key, label, refuses_unknown_actors, issued_at, revoked_at FROM xapi_credential
                 WHERE organization_id = ? ORDER BY issued_at""", (rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("key", rs.getString(1));
                    row.put("label", rs.getString(2));
                    row.put("refusesUnknownActors", rs.getBoolean(3));
                    row.put("issuedAt", rs.getTimestamp(4).toInstant());
                    Timestamp revokedAt = rs.getTimestamp(5);
                    row.put("revokedAt", revokedAt == null ? null : revokedAt.toInstant());
                    return row;
                }, organizationId);
    }

    /** The cached answer for this key, if there is one: lets the caller skip a blocking lookup. */
    Optional<Optional<Credential>> cachedCheck(String key, String secret) {
        Optional<Stored> stored = cache.getIfPresent(key);
        return stored == null ? Optional.empty() : Optional.of(check(stored, secret));
    }

    /** Blocking: looks the key up (and caches it). */
    Optional<Credential> authenticate(String key, String secret) {
        Optional<Stored> stored = cache.get(key, this::load);
        return check(stored, secret);
    }

    private static Optional<Credential> check(Optional<Stored> stored, String secret) {
        return stored.filter(s -> !s.revoked() && MessageDigest.isEqual(s.secretSha256(), sha256(secret)))
                .map(Stored::credential);
    }

    private Optional<Stored> load(String key) {
        return jdbc.query("""
                        SELECT organization_id, refuses_unknown_actors, secret_sha256, revoked_at IS NOT NULL
                          FROM xapi_credential WHERE credential_key = ?""",
                (rs, n) -> new Stored(new Credential(key, rs.getObject(1, UUID.class), rs.getBoolean(2)),
                        rs.getBytes(3), rs.getBoolean(4)), key).stream().findFirst();
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
