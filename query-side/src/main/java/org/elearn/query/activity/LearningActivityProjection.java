package org.elearn.query.activity;

import java.sql.Array;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.query.jdbc.ArrayStatement;
import org.elearn.query.jdbc.BatchedWrites;
import org.elearn.query.privacy.ErasableProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static org.elearn.query.jdbc.ArrayStatement.of;
import static org.elearn.query.jdbc.ArrayStatement.text;

/**
 * Keeps {@code learning_activity}: each member's learning time (the sum of {@code result.duration}),
 * statement count and last activity. Statements about non-members count for nobody.
 *
 * <p>A batch of statements is summed per member in memory and written with one statement when
 * the batch commits ({@link BatchedWrites}). A row's {@code last_global_index} is the newest
 * statement applied to it: a batch commits with the token past all of its statements, so a
 * redelivered batch finds its statements applied already and changes nothing.
 */
@Component
@ProcessingGroup("learning-activity")
class LearningActivityProjection implements ErasableProjection {

    static final String TABLE = "learning_activity";

    private final JdbcTemplate jdbc;
    private final String table;
    private final String batch;

    @Autowired
    LearningActivityProjection(JdbcTemplate jdbc) {
        this(jdbc, TABLE);
    }

    /** The same projection writing to another table: the consistency check's temporary copy. */
    LearningActivityProjection(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
        this.batch = LearningActivityProjection.class.getName() + "@" + table;
    }

    /** One member's statements in this batch, summed. */
    private static final class Sum {
        final UUID trainee;
        final UUID organization;
        long millis;
        int statements;
        Instant last;
        long position;

        Sum(UUID trainee, UUID organization) {
            this.trainee = trainee;
            this.organization = organization;
        }
    }

    @EventHandler
    void on(StatementRecorded event, TrackingToken token) {
        if (!event.member()) {
            return;
        }
        Map<UUID, Sum> sums = BatchedWrites.of(this.batch, LinkedHashMap::new, this::write);
        Sum sum = sums.computeIfAbsent(event.actorId(), id -> new Sum(id, event.organizationId()));
        sum.millis += event.durationMillis() == null ? 0 : event.durationMillis();
        sum.statements++;
        sum.last = sum.last == null || event.timestamp().isAfter(sum.last) ? event.timestamp() : sum.last;
        sum.position = Math.max(sum.position, token.position().orElseThrow());
    }

    private void write(Map<UUID, Sum> batch) {
        if (batch.isEmpty()) {
            return;
        }
        var rows = new ArrayList<>(batch.values());
        ArrayStatement.execute(jdbc, """
                INSERT INTO %1$s AS a (trainee_id, organization_id, learning_millis, statements, last_activity,
                                               last_global_index)
                SELECT v.id::uuid, v.org::uuid, v.millis, v.n, v.last::timestamptz, v.position
                  FROM unnest(?::text[], ?::text[], ?::bigint[], ?::int[], ?::text[], ?::bigint[])
                       AS v(id, org, millis, n, last, position)
                 WHERE NOT EXISTS (SELECT 1 FROM data_subject_erasure e WHERE e.subject_id = v.id)
                ON CONFLICT (trainee_id) DO UPDATE
                   SET learning_millis = a.learning_millis + EXCLUDED.learning_millis,
                       statements = a.statements + EXCLUDED.statements,
                       last_activity = GREATEST(a.last_activity, EXCLUDED.last_activity),
                       last_global_index = EXCLUDED.last_global_index
                 WHERE a.last_global_index < EXCLUDED.last_global_index""".formatted(table),
                connection -> new Array[] {
                        text(connection, rows, r -> r.trainee),
                        text(connection, rows, r -> r.organization),
                        of(connection, "int8", rows, r -> r.millis),
                        of(connection, "int4", rows, r -> r.statements),
                        text(connection, rows, r -> r.last),
                        of(connection, "int8", rows, r -> r.position)});
        batch.clear();
    }

    @Override
    public void erase(UUID subjectId) {
        jdbc.update("DELETE FROM " + table + " WHERE trainee_id = ?", subjectId);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM " + table);
    }
}
