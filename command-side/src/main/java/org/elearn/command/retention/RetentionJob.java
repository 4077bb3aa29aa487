package org.elearn.command.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.elearn.command.privacy.ErasureService;
import org.elearn.events.retention.MemberErasedByRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the retention policies: erases every member a policy makes due, recording the policy
 * with {@link MemberErasedByRetention} in the erasure's own transaction. One run at a time across
 * every command-side instance: a run holds a PostgreSQL session advisory lock, and an instance that
 * does not get it skips its turn. Members already erased are never due, so runs one after the other
 * never erase anyone twice. Erasures go in transactions of {@code learning.retention.chunk} members;
 * the key table is vacuumed once at the end.
 */
@Component
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    /** The advisory lock's key: "retentio" in ASCII. */
    static final long LOCK = 0x726574656e74696fL;

    /** What a run did: whether this instance ran it, and how many members it erased. */
    record Run(boolean ran, int erased, long millis) {
    }

    private final DataSource dataSource;
    private final RetentionPolicies policies;
    private final ErasureService erasure;
    private final EventGateway events;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final int chunk;

    RetentionJob(DataSource dataSource, RetentionPolicies policies, ErasureService erasure, EventGateway events,
                 TransactionTemplate tx, JdbcTemplate jdbc, RetentionProperties retention) {
        this.dataSource = dataSource;
        this.policies = policies;
        this.erasure = erasure;
        this.events = events;
        this.tx = tx;
        this.jdbc = jdbc;
        this.chunk = retention.chunk();
    }

    @Scheduled(fixedDelayString = "${learning.retention.interval:1h}",
            initialDelayString = "${learning.retention.initial-delay:5m}")
    void scheduled() {
        Run run = run();
        if (run.erased() > 0) {
            log.info("retention run erased {} members in {} ms", run.erased(), run.millis());
        }
    }

    /** Runs the policies once now, unless another instance is running them. Blocking. */
    Run run() {
        long start = System.nanoTime();
        try (Connection lock = dataSource.getConnection()) {
            if (!advisory(lock, "SELECT pg_try_advisory_lock(?)")) {
                return new Run(false, 0, 0);
            }
            try {
                int erased = 0;
                for (List<RetentionPolicies.Due> due = policies.due(null, chunk); !due.isEmpty();
                     due = policies.due(null, chunk)) {
                    List<RetentionPolicies.Due> batch = due;
                    tx.executeWithoutResult(status -> batch.forEach(this::erase));
                    erased += batch.size();
                }
                if (erased > 0) {
                    erasure.vacuumKeys();
                }
                return new Run(true, erased, (System.nanoTime() - start) / 1_000_000);
            } finally {
                advisory(lock, "SELECT pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the retention run failed", e);
        }
    }

    private void erase(RetentionPolicies.Due due) {
        events.publish(new MemberErasedByRetention(due.memberId(), due.organizationId(), due.rule(), due.periodDays(),
                due.policyVersion(), due.dueSince()));
        erasure.eraseAccountWithin(due.memberId(), due.organizationId());
        jdbc.update("DELETE FROM retention_member WHERE member_id = ?", due.memberId());
    }

    private static boolean advisory(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
