package org.elearn.support.keyvault;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.elearn.events.privacy.KeyEncryptionKeys;
import org.elearn.events.privacy.KeyVault;
import org.elearn.events.privacy.PersonalDataIntegrityException;
import org.elearn.events.privacy.SubjectErasedException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link KeyVault} on PostgreSQL. Table {@code data_key} holds each subject's key wrapped by a KEK;
 * table {@code data_subject_erasure} is the erasure fence. Creating a key and erasing a subject take
 * the same transaction-scoped advisory lock, so a key can never be created after an erasure.
 *
 * <p>Unwrapped keys are cached (bounded, with a TTL as the backstop); an erasure is announced on the
 * PostgreSQL channel {@value #ERASURE_CHANNEL} so that every instance evicts its copy at once.
 *
 * <p>Given a transaction-aware {@code DataSource}, key creation and erasure join the caller's
 * transaction. A key read or made in the caller's transaction enters the shared cache only when that
 * transaction commits (until then it serves that transaction alone): a key still uncommitted, or
 * rolled back, handed from the cache to a concurrent transaction would let that transaction commit
 * events whose key no reader finds.
 */
public final class JdbcKeyVault implements KeyVault {

    /** PostgreSQL NOTIFY channel carrying the id of each newly erased subject. */
    public static final String ERASURE_CHANNEL = "data_subject_erased";

    private final DataSource dataSource;
    private final KeyEncryptionKeys keks;
    private final Cache<String, SecretKey> keys;
    private final Cache<String, Boolean> erased;

    public JdbcKeyVault(DataSource dataSource, KeyEncryptionKeys keks, Duration cacheTtl, long cacheSize) {
        this.dataSource = dataSource;
        this.keks = keks;
        this.keys = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(cacheTtl).build();
        // erasure is permanent, so this cache needs no expiry; its size bound keeps memory flat
        this.erased = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    @Override
    public SecretKey keyForWriting(String subjectId) {
        SecretKey cached = cached(subjectId);
        if (cached != null) {
            return cached;
        }
        if (erased.getIfPresent(subjectId) != null) {
            throw new SubjectErasedException(subjectId);
        }
        return inTransaction((c, found) -> {
            Optional<SecretKey> existing = load(c, subjectId, found);
            if (existing.isPresent()) {
                return existing.get();
            }
            lock(c, subjectId);
            byte[] raw = randomKey();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO data_key (subject_id, kek_id, wrapped_key)
                    SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM data_subject_erasure WHERE subject_id = ?)
                    ON CONFLICT (subject_id) DO NOTHING""")) {
                ps.setString(1, subjectId);
                ps.setString(2, keks.currentKeyId());
                ps.setBytes(3, keks.wrap(raw, subjectId));
                ps.setString(4, subjectId);
                ps.executeUpdate();
            }
            return load(c, subjectId, found).orElseThrow(() -> new SubjectErasedException(subjectId));
        });
    }

    /**
     * Creates (or loads) the keys of many subjects at once and caches them, so a bulk write, such as
     * an import, costs a few statements instead of several per subject, and subjects whose key is
     * cached cost nothing. Erased subjects get no key;
     * writing their data afterwards still fails in {@link #keyForWriting}.
     */
    public void prepareKeysForWriting(List<String> subjectIds) {
        if (subjectIds.isEmpty()) {
            return;
        }
        // sorted: no lock-order deadlock; cached keys need no round trip (erasure evicts them)
        List<String> distinct = subjectIds.stream().distinct().filter(s -> cached(s) == null).sorted()
                .toList();
        if (distinct.isEmpty()) {
            return;
        }
        inTransaction((c, found) -> {
            java.sql.Array subjects = c.createArrayOf("text", distinct.toArray());
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtextextended('data-subject:' || s, 7)) FROM unnest(?::text[]) s")) {
                ps.setArray(1, subjects);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO data_key (subject_id, kek_id, wrapped_key)
                    SELECT s.subject_id, ?, s.wrapped_key FROM unnest(?::text[], ?::bytea[]) AS s (subject_id, wrapped_key)
                     WHERE NOT EXISTS (SELECT 1 FROM data_subject_erasure f WHERE f.subject_id = s.subject_id)
                    ON CONFLICT (subject_id) DO NOTHING""")) {
                byte[][] wrapped = new byte[distinct.size()][];
                for (int i = 0; i < distinct.size(); i++) {
                    wrapped[i] = keks.wrap(randomKey(), distinct.get(i));
                }
                ps.setString(1, keks.currentKeyId());
                ps.setArray(2, subjects);
                ps.setArray(3, c.createArrayOf("bytea", wrapped));
                ps.executeUpdate();
            }
            loadAll(c, subjects, found);
            return null;
        });
    }

    /** One query for the keys not cached of subjects not known to be erased; they are cached. */
    @Override
    public void prepareKeysForReading(java.util.Collection<String> subjectIds) {
        List<String> missing = subjectIds.stream().filter(java.util.Objects::nonNull).distinct()
                .filter(s -> cached(s) == null && erased.getIfPresent(s) == null).toList();
        if (missing.isEmpty()) {
            return;
        }
        inTransaction((c, found) -> {
            loadAll(c, c.createArrayOf("text", missing.toArray()), found);
            return null;
        });
    }

    /** Reads and unwraps the stored keys of these subjects (cached as {@link #inTransaction} says). */
    private void loadAll(Connection c, java.sql.Array subjects, Map<String, SecretKey> found) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT subject_id, kek_id, wrapped_key FROM data_key WHERE subject_id = ANY (?)")) {
            ps.setArray(1, subjects);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String subject = rs.getString(1);
                    found.put(subject, new SecretKeySpec(keks.unwrap(rs.getString(2), rs.getBytes(3), subject), "AES"));
                }
            }
        }
    }

    @Override
    public Optional<SecretKey> keyForReading(String subjectId) {
        SecretKey cached = cached(subjectId);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (erased.getIfPresent(subjectId) != null) {
            return Optional.empty();
        }
        Optional<SecretKey> key = inTransaction((c, found) -> load(c, subjectId, found));
        if (key.isPresent()) {
            return key;
        }
        if (isErased(subjectId)) {
            return Optional.empty();
        }
        throw new PersonalDataIntegrityException("data key of subject " + subjectId
                + " is missing although the subject was never erased", null);
    }

    @Override
    public boolean isErased(String subjectId) {
        if (erased.getIfPresent(subjectId) != null) {
            return true;
        }
        boolean fenced = inTransaction((c, found) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM data_subject_erasure WHERE subject_id = ?")) {
                ps.setString(1, subjectId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (fenced) {
            erased.put(subjectId, Boolean.TRUE);
            keys.invalidate(subjectId);
        }
        return fenced;
    }

    /**
     * Erases the subject: records the fence, deletes the data key and announces the erasure. Runs in
     * the caller's transaction when there is one; the notification is delivered at commit.
     * Idempotent.
     *
     * @return true if this call erased the subject, false if it was erased already
     */
    public boolean erase(String subjectId) {
        boolean newlyErased = inTransaction((c, found) -> {
            lock(c, subjectId);
            int fenced;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO data_subject_erasure (subject_id) VALUES (?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, subjectId);
                fenced = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM data_key WHERE subject_id = ?")) {
                ps.setString(1, subjectId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, ERASURE_CHANNEL);
                ps.setString(2, subjectId);
                ps.execute();
            }
            return fenced == 1;
        });
        evict(subjectId);
        erased.put(subjectId, Boolean.TRUE);
        return newlyErased;
    }

    /**
     * Rewrites the key table so that no dead row version keeps a destroyed key. Must run outside a
     * transaction, after the erasure committed.
     */
    public void vacuum() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("VACUUM data_key");
        } catch (SQLException e) {
            throw new IllegalStateException("VACUUM of data_key failed", e);
        }
    }

    @Override
    public void evict(String subjectId) {
        keys.invalidate(subjectId);
        Map<String, SecretKey> pending = uncommitted();
        if (pending != null) {
            pending.remove(subjectId);
        }
    }

    /** Records a subject erased elsewhere (another instance's notification). */
    public void markErased(String subjectId) {
        keys.invalidate(subjectId);
        erased.put(subjectId, Boolean.TRUE);
    }

    /** Forgets every cached key: after a lost notification connection, nothing cached can be trusted. */
    public void evictAll() {
        keys.invalidateAll();
    }

    /**
     * Re-wraps every data key not wrapped by the current KEK, in batches; events are untouched.
     *
     * @return how many keys were re-wrapped
     */
    public int rewrapAll() {
        int total = 0;
        while (true) {
            int batch = inTransaction((c, found) -> {
                List<String[]> rows = new ArrayList<>();
                List<byte[]> wrapped = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT subject_id, kek_id, wrapped_key FROM data_key WHERE kek_id <> ? LIMIT 500 FOR UPDATE")) {
                    ps.setString(1, keks.currentKeyId());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new String[] {rs.getString(1), rs.getString(2)});
                            wrapped.add(rs.getBytes(3));
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE data_key SET kek_id = ?, wrapped_key = ? WHERE subject_id = ?")) {
                    for (int i = 0; i < rows.size(); i++) {
                        String subject = rows.get(i)[0];
                        byte[] raw = keks.unwrap(rows.get(i)[1], wrapped.get(i), subject);
                        ps.setString(1, keks.currentKeyId());
                        ps.setBytes(2, keks.wrap(raw, subject));
                        ps.setString(3, subject);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return rows.size();
            });
            total += batch;
            if (batch == 0) {
                return total;
            }
        }
    }

    private Optional<SecretKey> load(Connection c, String subjectId, Map<String, SecretKey> found) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kek_id, wrapped_key FROM data_key WHERE subject_id = ?")) {
            ps.setString(1, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                SecretKey key = new SecretKeySpec(keks.unwrap(rs.getString(1), rs.getBytes(2), subjectId), "AES");
                found.put(subjectId, key);
                return Optional.of(key);
            }
        }
    }

    private static void lock(Connection c, String subjectId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))")) {
            ps.setString(1, "data-subject:" + subjectId);
            ps.execute();
        }
    }

    /** Work on the key tables; {@code found}: the keys it read or made, to be cached. */
    private interface Work<T> {
        T run(Connection c, Map<String, SecretKey> found) throws SQLException;
    }

    /** The subject's key from the shared cache, or else from those of the current transaction. */
    private SecretKey cached(String subjectId) {
        SecretKey key = keys.getIfPresent(subjectId);
        if (key != null) {
            return key;
        }
        Map<String, SecretKey> pending = uncommitted();
        return pending == null ? null : pending.get(subjectId);
    }

    /**
     * The keys this vault read or made in the current transaction, held by its synchronization: a
     * transaction suspended for a new one ({@code REQUIRES_NEW}) takes its synchronizations along,
     * so the new one is not served the suspended one's uncommitted keys.
     */
    private Map<String, SecretKey> uncommitted() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Uncommitted u && u.vault() == this) {
                return u.keys;
            }
        }
        return null;
    }

    /**
     * Caches the keys of its transaction when that commits; a rollback forgets them, and so does a
     * rollback to a savepoint (a processor's failed handler): keys made since may be gone, and every
     * key is read again from what the transaction still holds.
     */
    private final class Uncommitted implements TransactionSynchronization {
        private final Map<String, SecretKey> keys = new HashMap<>();

        private JdbcKeyVault vault() {
            return JdbcKeyVault.this;
        }

        @Override
        public void savepointRollback(Object savepoint) {
            keys.clear();
        }

        @Override
        public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED) {
                cache(keys);
            }
        }
    }

    /** Caches keys that are committed, unless their subject was erased meanwhile. */
    private void cache(Map<String, SecretKey> committed) {
        committed.forEach((subject, key) -> {
            if (erased.getIfPresent(subject) == null) {
                keys.put(subject, key);
            }
        });
    }

    /**
     * Keys read or made in the caller's transaction serve that transaction at once and everyone once
     * it commits; a rollback forgets them. Without transaction synchronization they are not cached.
     */
    private void cacheAtCommit(Map<String, SecretKey> found) {
        if (found.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Map<String, SecretKey> pending = uncommitted();
        if (pending == null) {
            Uncommitted synchronization = new Uncommitted();
            TransactionSynchronizationManager.registerSynchronization(synchronization);
            pending = synchronization.keys;
        }
        pending.putAll(found);
    }

    /**
     * Runs in the caller's transaction if the connection has one, else in a short one of its own; the
     * keys the work found are cached once they are committed.
     */
    private <T> T inTransaction(Work<T> work) {
        Map<String, SecretKey> found = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            boolean ownTransaction = c.getAutoCommit();
            if (ownTransaction) {
                c.setAutoCommit(false);
            }
            try {
                T result = work.run(c, found);
                if (ownTransaction) {
                    c.commit();
                    cache(found);
                } else {
                    cacheAtCommit(found);
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (ownTransaction) {
                    c.rollback();
                }
                throw e;
            } finally {
                if (ownTransaction) {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("key vault database access failed", e);
        }
    }

    // DRBG instances share no lock; the platform default (NativePRNG) serialises every thread on one
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            return new SecureRandom();
        }
    });

    /** A fresh 256-bit AES data key. */
    private static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.get().nextBytes(key);
        return key;
    }
}
