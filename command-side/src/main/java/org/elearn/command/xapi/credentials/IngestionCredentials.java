package org.elearn.command.xapi.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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

    /**
     * What an authenticated xAPI request acts as.
     *
     * @param scopes         what it may do ({@link XapiScope#accepting} says which a resource needs)
     * @param allowedOrigins the browser origins ({@code https://host[:port]}) whose pages may use it
     */
    public record Credential(String key, UUID organizationId, boolean refusesUnknownActors, Set<XapiScope> scopes,
                             List<String> allowedOrigins) {

        public Credential {
            scopes = Set.copyOf(scopes);
            allowedOrigins = List.copyOf(allowedOrigins);
        }

        /** Whether it holds one of these scopes. */
        public boolean holdsAnyOf(Set<XapiScope> accepted) {
            return accepted.stream().anyMatch(scopes::contains);
        }

        /**
         * True when the only statements it may read are its own ({@code statements/read/mine}, and
         * neither {@code statements/read}, {@code all/read} nor {@code all}): reads are then limited to
         * statements whose authority is this credential.
         */
        public boolean readsOnlyOwn() {
            return scopes.contains(XapiScope.STATEMENTS_READ_MINE)
                    && !holdsAnyOf(Set.of(XapiScope.STATEMENTS_READ, XapiScope.ALL_READ, XapiScope.ALL));
        }

        /** Whether a page from this origin may use it (an exact, normalized match). */
        public boolean allowsOrigin(String origin) {
            return allowedOrigins.contains(origin);
        }
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

    /** Whether some live credential allows an origin: what a preflight, which carries no credential, is answered by. */
    private final Cache<String, Boolean> origins =
            Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(CACHE_TTL).build();

    IngestionCredentials(JdbcTemplate jdbc, TransactionTemplate tx, EventGateway events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
    }

    Issued issue(UUID organizationId, String label, boolean refusesUnknownActors, Set<XapiScope> scopes,
                 List<String> allowedOrigins, UUID issuedBy) {
        String key = "xk_" + HexFormat.of().formatHex(random(10));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
        tx.executeWithoutResult(status -> {
            jdbc.update("""
                    INSERT INTO xapi_credential (credential_key, organization_id, label, secret_sha256,
                                                 refuses_unknown_actors, issued_by, scopes, allowed_origins)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
                ps.setString(1, key);
                ps.setObject(2, organizationId);
                ps.setString(3, label);
                ps.setBytes(4, sha256(secret));
                ps.setBoolean(5, refusesUnknownActors);
                ps.setObject(6, issuedBy);
                ps.setArray(7, ps.getConnection().createArrayOf("text", XapiScope.names(scopes).toArray()));
                ps.setArray(8, ps.getConnection().createArrayOf("text", allowedOrigins.toArray()));
            });
            events.publish(new IngestionCredentialIssued(key, organizationId, label, refusesUnknownActors, issuedBy));
        });
        origins.invalidateAll(allowedOrigins);
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
        origins.invalidateAll();
    }

    List<Map<String, Object>> list(UUID organizationId) {
        return jdbc.query("""
                SELECT credential_key, label, refuses_unknown_actors, issued_at, revoked_at, scopes, allowed_origins
                  FROM xapi_credential WHERE organization_id = ? ORDER BY issued_at""", (rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("key", rs.getString(1));
                    row.put("label", rs.getString(2));
                    row.put("refusesUnknownActors", rs.getBoolean(3));
                    row.put("issuedAt", rs.getTimestamp(4).toInstant());
                    Timestamp revokedAt = rs.getTimestamp(5);
                    row.put("revokedAt", revokedAt == null ? null : revokedAt.toInstant());
                    row.put("scopes", XapiScope.names(scopes(rs.getArray(6))));
                    row.put("allowedOrigins", texts(rs.getArray(7)));
                    return row;
                }, organizationId);
    }

    /** The cached answer for this (normalized) origin, if there is one: lets the caller skip a blocking lookup. */
    public Optional<Boolean> cachedOriginAllowed(String origin) {
        return Optional.ofNullable(origins.getIfPresent(origin));
    }

    /** Blocking: whether any credential not revoked allows this (normalized) origin (and caches the answer). */
    public boolean originAllowed(String origin) {
        return origins.get(origin, o -> Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM xapi_credential WHERE revoked_at IS NULL AND allowed_origins @> ARRAY[?::text])""",
                Boolean.class, o)));
    }

    /** The cached answer for this key, if there is one: lets the caller skip a blocking lookup. */
    public Optional<Optional<Credential>> cachedCheck(String key, String secret) {
        Optional<Stored> stored = cache.getIfPresent(key);
        return stored == null ? Optional.empty() : Optional.of(check(stored, secret));
    }

    /** Blocking: looks the key up (and caches it). */
    public Optional<Credential> authenticate(String key, String secret) {
        Optional<Stored> stored = cache.get(key, this::load);
        return check(stored, secret);
    }

    private static Optional<Credential> check(Optional<Stored> stored, String secret) {
        return stored.filter(s -> !s.revoked() && MessageDigest.isEqual(s.secretSha256(), sha256(secret)))
                .map(Stored::credential);
    }

    private Optional<Stored> load(String key) {
        return jdbc.query("""
                        SELECT organization_id, refuses_unknown_actors, secret_sha256, revoked_at IS NOT NULL,
                               scopes, allowed_origins
                          FROM xapi_credential WHERE credential_key = ?""",
                (rs, n) -> new Stored(new Credential(key, rs.getObject(1, UUID.class), rs.getBoolean(2),
                        scopes(rs.getArray(5)), texts(rs.getArray(6))), rs.getBytes(3), rs.getBoolean(4)), key)
                .stream().findFirst();
    }

    private static List<String> texts(java.sql.Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    /** A stored name no longer known grants nothing. */
    private static Set<XapiScope> scopes(java.sql.Array array) throws SQLException {
        return texts(array).stream().map(XapiScope::named).flatMap(Optional::stream).collect(Collectors.toSet());
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
