package org.elearn.query.activity;

import static org.elearn.query.jdbc.Columns.instant;
import static org.elearn.query.jdbc.Columns.uuid;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one reader of {@code learning_activity} ({@link LearningActivityProjection} writes it; its
 * consistency totals are {@link ActivityTotals}): a trainee's learning through R2DBC, and blocking
 * through JDBC ({@code …Now}) their row for the personal-data export.
 */
@Component
public record ActivityQueries(DatabaseClient db, JdbcTemplate jdbc) {

    /** A trainee's learning time, statement count and last activity; no last activity before the first. */
    public record Learning(long learningSeconds, long statements,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastActivity) {
    }

    /** Everything {@code learning_activity} holds about a trainee but its bookkeeping. */
    public record LearningRecord(UUID traineeId, UUID organizationId, Long learningMillis, Long statements,
                                 Instant lastActivity) {
    }

    /** The trainee's learning; nothing learnt yet for a trainee without a row. */
    public Mono<Learning> learning(UUID traineeId) {
        return db.sql("SELECT learning_millis, statements, last_activity FROM learning_activity WHERE trainee_id = :me")
                .bind("me", traineeId)
                .map(row -> new Learning(row.get("learning_millis", Long.class) / 1000,
                        row.get("statements", Long.class), instant(row.get("last_activity", OffsetDateTime.class))))
                .one()
                .defaultIfEmpty(new Learning(0, 0, null));
    }

    /** The trainee's row, for the personal-data export; blocking. */
    public Optional<LearningRecord> recordNow(UUID traineeId) {
        return jdbc.query("""
                        SELECT trainee_id, organization_id, learning_millis, statements, last_activity
                          FROM learning_activity WHERE trainee_id = ?""",
                (rs, n) -> new LearningRecord(uuid(rs, "trainee_id"), uuid(rs, "organization_id"),
                        rs.getObject("learning_millis", Long.class), rs.getObject("statements", Long.class),
                        instant(rs, "last_activity")), traineeId).stream().findFirst();
    }
}
