package org.elearn.command.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.elearn.events.retention.RetentionPolicySet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each organization's retention policy, and who it makes due for erasure. A member is due under
 * {@code AFTER_DEACTIVATION} once they have been deactivated for the period, under
 * {@code AFTER_INACTIVITY} once their last statement (or, without any, their joining) is older
 * than the period. The earlier rule to fall due is the one reported.
 */
@Service
record RetentionPolicies(JdbcTemplate jdbc, TransactionTemplate tx, EventGateway events, Clock clock) {

    static final int MAX_DAYS = 3650;

    record Policy(UUID organizationId, Integer afterDeactivationDays, Integer afterInactivityDays, int version,
                  UUID setBy, Instant setAt) {
    }

    /** A member the policy makes due now: which rule, its period, and since when. */
    record Due(UUID memberId, UUID organizationId, String rule, int periodDays, int policyVersion, Instant dueSince) {
    }

    Policy set(UUID organizationId, Integer afterDeactivationDays, Integer afterInactivityDays, UUID setBy) {
        return tx.execute(status -> {
            Integer version = jdbc.queryForObject("""
                    INSERT INTO retention_policy AS p (organization_id, after_deactivation_days, after_inactivity_days,
                                                       version, set_by, set_at)
                    VALUES (?, ?, ?, 1, ?, ?)
                    ON CONFLICT (organization_id) DO UPDATE SET after_deactivation_days = EXCLUDED.after_deactivation_days,
                        after_inactivity_days = EXCLUDED.after_inactivity_days, version = p.version + 1,
                        set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
                    RETURNING version""", Integer.class, organizationId, afterDeactivationDays, afterInactivityDays,
                    setBy, Timestamp.from(clock.instant()));
            events.publish(new RetentionPolicySet(organizationId, afterDeactivationDays, afterInactivityDays, version,
                    setBy));
            return policy(organizationId).orElseThrow();
        });
    }

    Optional<Policy> policy(UUID organizationId) {
        return jdbc.query("SELECT organization_id, after_deactivation_days, after_inactivity_days, version, set_by,"
                + " set_at FROM retention_policy WHERE organization_id = ?", (rs, i) -> new Policy(
                rs.getObject(1, UUID.class), (Integer) rs.getObject(2), (Integer) rs.getObject(3), rs.getInt(4),
                rs.getObject(5, UUID.class), rs.getTimestamp(6).toInstant()), organizationId).stream().findFirst();
    }

    /** Members due for erasure now, in one organization or (null) in all; oldest due first. */
    List<Due> due(UUID organizationId, int limit) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.query("""
                SELECT member_id, organization_id, rule, period, version, due_since FROM (
                  SELECT m.member_id, m.organization_id, p.version,
                         CASE WHEN deactivation_due IS NOT NULL
                                   AND (inactivity_due IS NULL OR deactivation_due <= inactivity_due)
                              THEN 'AFTER_DEACTIVATION' ELSE 'AFTER_INACTIVITY' END AS rule,
                         CASE WHEN deactivation_due IS NOT NULL
                                   AND (inactivity_due IS NULL OR deactivation_due <= inactivity_due)
                              THEN p.after_deactivation_days ELSE p.after_inactivity_days END AS period,
                         LEAST(deactivation_due, inactivity_due) AS due_since
                    FROM retention_member m
                    JOIN retention_policy p ON p.organization_id = m.organization_id
                    LEFT JOIN member_activity a ON a.member_id = m.member_id
                    CROSS JOIN LATERAL (SELECT
                        m.deactivated_at + p.after_deactivation_days * interval '1 day' AS deactivation_due,
                        coalesce(a.last_activity, m.joined_at) + p.after_inactivity_days * interval '1 day'
                            AS inactivity_due) d
                   WHERE (?::uuid IS NULL OR m.organization_id = ?::uuid)
                     AND NOT EXISTS (SELECT 1 FROM data_subject_erasure e WHERE e.subject_id = m.member_id::text)
                ) candidates
                 WHERE due_since <= ?
                 ORDER BY due_since, member_id
                 LIMIT ?""", (rs, i) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getTimestamp(6).toInstant()),
                organizationId, organizationId, now, limit);
    }
}
