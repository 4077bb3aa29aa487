package org.elearn.command.identity;

import java.sql.Array;
import java.util.Arrays;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.support.security.SessionVersions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The email lookup (keyed by HMAC of the normalised email) and the credentials table. Both are
 * outside the event store; passwords are stored only as hashes. Blocking JDBC: call it off the
 * event loop.
 */
@Component
public record AccountStore(JdbcTemplate jdbc, EmailHasher emailHasher, SessionVersions sessions) {

    /**
     * Opens a login: claims the email for the user and stores their credentials. False, storing
     * nothing, when any account already has the email. Call it inside the caller's transaction, so
     * the claim and the credentials commit together.
     */
    public boolean open(String email, UUID userId, String passwordHash, List<String> roles, UUID organizationId,
                        Status status) {
        if (!reserveEmail(emailHasher.hash(email), userId)) {
            return false;
        }
        createCredentials(userId, passwordHash, roles, organizationId, status);
        return true;
    }

    /** Claims the email for a user; false when any account already has it. */
    public boolean reserveEmail(byte[] emailHash, UUID userId) {
        return jdbc.update(
                "INSERT INTO email_lookup (email_hmac, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                emailHash, userId) == 1;
    }

    public void createCredentials(UUID userId, String passwordHash, List<String> roles, UUID organizationId) {
        createCredentials(userId, passwordHash, roles, organizationId, Status.ACTIVE);
    }

    /**
     * Whether a login may act: only ACTIVE accounts get tokens. CANCELLED: the user cancelled their
     * account and it waits for erasure; the user may still withdraw the cancellation. DEACTIVATED is
     * never stored: it is read for an ACTIVE login whose member record an administrator deactivated
     * ({@code member_directory.active}), so reactivation restores the login as it was.
     */
    public enum Status { PENDING, ACTIVE, REJECTED, CANCELLED, DEACTIVATED }

    public void createCredentials(UUID userId, String passwordHash, List<String> roles, UUID organizationId,
                                  Status status) {
        jdbc.update("""
                INSERT INTO credentials (user_id, password_hash, roles, organization_id, status)
                VALUES (?, ?, ?, ?, ?)""",
                ps -> {
                    ps.setObject(1, userId);
                    ps.setString(2, passwordHash);
                    ps.setArray(3, ps.getConnection().createArrayOf("text", roles.toArray()));
                    ps.setObject(4, organizationId);
                    ps.setString(5, status.name());
                });
    }

    public void setStatus(UUID userId, Status status) {
        jdbc.update("UPDATE credentials SET status = ? WHERE user_id = ?", status.name(), userId);
    }

    Optional<Account> findByEmail(byte[] emailHash) {
        return jdbc.query(ACCOUNT_SELECT + " JOIN email_lookup l ON c.user_id = l.user_id WHERE l.email_hmac = ?",
                this::account, (Object) emailHash).stream().findFirst();
    }

    Optional<Account> findById(UUID userId) {
        return jdbc.query(ACCOUNT_SELECT + " WHERE c.user_id = ?", this::account, userId).stream().findFirst();
    }

    private static final String ACCOUNT_SELECT = """
            SELECT c.user_id, c.password_hash, c.roles, c.organization_id,
                   CASE WHEN c.status = 'ACTIVE' AND d.active = false THEN 'DEACTIVATED' ELSE c.status END AS status,
                   COALESCE(v.version, 0) AS sv
              FROM credentials c LEFT JOIN session_version v ON v.user_id = c.user_id
                   LEFT JOIN member_directory d ON d.member_id = c.user_id""";

    private Account account(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Array roles = rs.getArray("roles");
        return new Account(rs.getObject("user_id", UUID.class), rs.getString("password_hash"),
                Arrays.stream((String[]) roles.getArray()).toList(), rs.getObject("organization_id", UUID.class),
                Status.valueOf(rs.getString("status")), rs.getInt("sv"));
    }

    /**
     * Sets a new password hash and raises the user's session version, so every token issued before
     * is refused on every instance (announced at commit on {@code session_revoked}).
     *
     * @return the new session version
     */
    int changePassword(UUID userId, String passwordHash) {
        jdbc.update("UPDATE credentials SET password_hash = ? WHERE user_id = ?", passwordHash, userId);
        return revokeSessions(userId);
    }

    /**
     * Raises the user's session version in the caller's transaction, so every token issued before is
     * refused on every instance once it commits: this one's {@link SessionVersions} at the commit, the
     * others when they hear it announced on {@code session_revoked}.
     *
     * @return the new session version
     */
    public int revokeSessions(UUID userId) {
        Integer version = jdbc.queryForObject("""
                INSERT INTO session_version (user_id, version) VALUES (?, 1)
                ON CONFLICT (user_id) DO UPDATE SET version = session_version.version + 1
                RETURNING version""", Integer.class, userId);
        jdbc.queryForList("SELECT pg_notify(?, ?)", SessionVersions.CHANNEL, userId + ":" + version);
        afterCommit(() -> sessions.set(userId.toString(), version));
        return version;
    }

    /** Runs the action once the caller's transaction commits; at once outside one (the change is committed). */
    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /** The account that holds this email, if any. */
    public Optional<UUID> userIdForEmail(byte[] emailHash) {
        return jdbc.query("SELECT user_id FROM email_lookup WHERE email_hmac = ?",
                (rs, n) -> rs.getObject(1, UUID.class), (Object) emailHash).stream().findFirst();
    }

    /**
     * Claims many emails at once, for the new members of a bulk import; an email some account holds
     * already stays that account's, and the member it was meant for holds none.
     */
    public void reserveFreeEmails(List<Map.Entry<byte[], UUID>> emails) {
        jdbc.batchUpdate("INSERT INTO email_lookup (email_hmac, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                emails.stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toList());
    }

    /**
     * Gives a user without a login this email in place of the one they held, if no account holds it;
     * otherwise they hold none. Whichever happens, nothing about another account changes.
     */
    public void moveEmailIfFree(UUID userId, byte[] emailHash) {
        jdbc.update("DELETE FROM email_lookup WHERE user_id = ?", userId);
        reserveEmail(emailHash, userId);
    }

    /** Who the user is for authorization purposes, whether live or already erased. */
    public record AccountStatus(UUID userId, UUID organizationId, boolean erased) {
    }

    public Optional<AccountStatus> status(UUID userId) {
        // an erased account first, then a login, then a member imported without one
        return jdbc.query("""
                        SELECT user_id, organization_id, true AS erased, 1 AS rank FROM erased_account WHERE user_id = ?
                        UNION ALL
                        SELECT user_id, organization_id, false, 2 FROM credentials WHERE user_id = ?
                        UNION ALL
                        SELECT member_id, organization_id, false, 3 FROM member_directory WHERE member_id = ?
                        ORDER BY rank""",
                (rs, n) -> new AccountStatus(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getBoolean(3)),
                userId, userId, userId).stream().findFirst();
    }

    /**
     * Deletes the credentials, the email lookup row and the organization's address of the member, and
     * remembers the account as erased.
     */
    public void eraseAccount(UUID userId, UUID organizationId) {
        jdbc.update("DELETE FROM credentials WHERE user_id = ?", userId);
        jdbc.update("DELETE FROM email_lookup WHERE user_id = ?", userId);
        jdbc.update("DELETE FROM member_address WHERE member_id = ?", userId);
        jdbc.update("INSERT INTO erased_account (user_id, organization_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                userId, organizationId);
    }

    /** Whether this user has a login (credentials), whatever its status. */
    public boolean hasLogin(UUID userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM credentials WHERE user_id = ?)", Boolean.class, userId));
    }

    /** Whether this user's login holds the role. */
    public boolean hasRole(UUID userId, String role) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM credentials WHERE user_id = ? AND ? = ANY (roles))", Boolean.class,
                userId, role));
    }

    /**
     * Puts an existing login into an organization with a member role (TRAINEE or INSTRUCTOR), which
     * replaces the member role it had; ORG_ADMIN stays. Tokens carry one organization, so an account
     * belongs to at most one: only an active account in no organization (a self-registered
     * instructor) or already in this one may join, and never an operator's or an auditor's.
     *
     * @return false, changing nothing, when the account may not join
     */
    public boolean joinOrganization(UUID userId, UUID organizationId, String memberRole) {
        return jdbc.update("""
                UPDATE credentials
                   SET organization_id = ?,
                       roles = array_append(array_remove(array_remove(roles, 'TRAINEE'), 'INSTRUCTOR'), ?::text)
                 WHERE user_id = ? AND status = 'ACTIVE' AND (organization_id IS NULL OR organization_id = ?)
                   AND roles <@ ARRAY['INSTRUCTOR', 'TRAINEE', 'ORG_ADMIN']::text[]""",
                organizationId, memberRole, userId, organizationId) == 1;
    }

    /** The keyed hash of this user's email, if they hold one. */
    public Optional<byte[]> emailHashOf(UUID userId) {
        return jdbc.query("SELECT email_hmac FROM email_lookup WHERE user_id = ?", (rs, n) -> rs.getBytes(1), userId)
                .stream().findFirst();
    }

    boolean hasAccountWithRole(String role) {
        Boolean exists = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM credentials WHERE ? = ANY (roles))",
                Boolean.class, role);
        return Boolean.TRUE.equals(exists);
    }
}
