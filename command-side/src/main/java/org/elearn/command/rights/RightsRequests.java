package org.elearn.command.rights;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.elearn.command.privacy.ErasureRequestLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code rights_request} table: every rights request with its state, times and who handled it,
 * written in the transaction of the command that changes it. Ids, kinds, states and times only.
 * Blocking JDBC: call it off the event loop.
 */
@Repository
public class RightsRequests implements ErasureRequestLog {

    /** The answer deadline for a rights request (GDPR Art. 12(3): one month). */
    static final Period ANSWER_WITHIN = Period.ofMonths(1);

    private final JdbcTemplate jdbc;

    RightsRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Request(UUID requestId, UUID subjectId, UUID organizationId, RightsRequestKind kind, String state,
                   Instant requestedAt, Instant dueAt, Instant actAt, Instant closedAt, String handledBy) {
    }

    /** Opens a request. The caller has checked that no request of this kind is open for the subject. */
    void open(UUID requestId, UUID subjectId, UUID organizationId, RightsRequestKind kind, Instant requestedAt,
              Instant actAt) {
        Instant dueAt = requestedAt.atOffset(ZoneOffset.UTC).plus(ANSWER_WITHIN).toInstant();
        jdbc.update("""
                INSERT INTO rights_request (request_id, subject_id, organization_id, kind, state, requested_at, due_at, act_at)
                VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?)""", requestId, subjectId, organizationId, kind.name(),
                Timestamp.from(requestedAt), Timestamp.from(dueAt), actAt == null ? null : Timestamp.from(actAt));
    }

    /**
     * Records a request that was carried out as it was made (erasure, restriction, objection), in
     * the caller's transaction: completed at once, handled by the user who made or relayed it.
     */
    public void recordCarriedOut(UUID subjectId, UUID organizationId, RightsRequestKind kind, Instant at,
                                 String handledBy) {
        jdbc.update("INSERT INTO rights_request (request_id, subject_id, organization_id, kind, state, requested_at,"
                + " due_at, closed_at, handled_by) VALUES (?, ?, ?, ?, 'COMPLETED', ?, ?, ?, ?)", UUID.randomUUID(),
                subjectId, organizationId, kind.name(), Timestamp.from(at),
                Timestamp.from(at.atOffset(ZoneOffset.UTC).plus(ANSWER_WITHIN).toInstant()), Timestamp.from(at),
                handledBy);
    }

    /** Records an erasure carried out as it was asked for, as {@link #recordCarriedOut} does. */
    @Override
    public void erasureCarriedOut(UUID subjectId, UUID organizationId, Instant at, String handledBy) {
        recordCarriedOut(subjectId, organizationId, RightsRequestKind.ERASURE, at, handledBy);
    }

    /** Open requests past their one-month deadline, oldest first, for operators. */
    List<Request> overdue(Instant now, int limit) {
        return jdbc.query(SELECT + " WHERE state = 'OPEN' AND due_at < ? ORDER BY due_at LIMIT ?", this::request,
                Timestamp.from(now), limit);
    }

    void close(UUID requestId, String state, Instant closedAt, String handledBy) {
        jdbc.update("UPDATE rights_request SET state = ?, closed_at = ?, handled_by = ? WHERE request_id = ?",
                state, Timestamp.from(closedAt), handledBy, requestId);
    }

    Optional<Request> findOpen(UUID subjectId, RightsRequestKind kind) {
        return jdbc.query(SELECT + " WHERE subject_id = ? AND kind = ? AND state = 'OPEN'", this::request,
                subjectId, kind.name()).stream().findFirst();
    }

    /** An open request, locked until the end of the caller's transaction; empty if it is no longer open. */
    Optional<Request> lockOpen(UUID requestId) {
        return jdbc.query(SELECT + " WHERE request_id = ? AND state = 'OPEN' FOR UPDATE", this::request, requestId)
                .stream().findFirst();
    }

    /** Open requests whose time for the system to act has come, oldest first. */
    List<Request> dueForAction(RightsRequestKind kind, Instant now, int limit) {
        return jdbc.query(SELECT + " WHERE kind = ? AND state = 'OPEN' AND act_at <= ? ORDER BY act_at LIMIT ?",
                this::request, kind.name(), Timestamp.from(now), limit);
    }

    List<Request> ofSubject(UUID subjectId) {
        return jdbc.query(SELECT + " WHERE subject_id = ? ORDER BY requested_at DESC", this::request, subjectId);
    }

    List<Request> ofOrganization(UUID organizationId) {
        return jdbc.query(SELECT + " WHERE organization_id = ? ORDER BY requested_at DESC LIMIT 1000", this::request,
                organizationId);
    }

    private static final String SELECT = """
            SELECT request_id, subject_id, organization_id, kind, state, requested_at, due_at, act_at, closed_at,
                   handled_by FROM rights_request""";

    private Request request(ResultSet rs, int row) throws SQLException {
        return new Request(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                RightsRequestKind.valueOf(rs.getString(4)), rs.getString(5), instant(rs, 6), instant(rs, 7),
                instant(rs, 8), instant(rs, 9), rs.getString(10));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
