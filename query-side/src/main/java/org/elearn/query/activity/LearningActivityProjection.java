package org.elearn.query.activity;

import org.elearn.support.axon.ReadsNoPersonalData;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.activity.StatementVoided;
import org.elearn.query.jdbc.AppliedEvents;
import org.elearn.query.jdbc.ArrayStatement;
import org.elearn.query.jdbc.EventPositions;
import org.elearn.query.projection.Projection;
import org.elearn.support.axon.BatchedWrites;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static org.elearn.query.jdbc.ArrayStatement.of;
import static org.elearn.query.jdbc.ArrayStatement.text;

/**
 * Keeps {@code learning_activity}: each member's learning time (the sum of {@code result.duration}),
 * statement count and last activity. Statements about non-members count for nobody, and a voiding
 * statement counts as no learning. A voided statement ({@link StatementVoided}) is taken back: its
 * time and its count are subtracted. The last activity is a maximum and stays as it was (the voided
 * statement's time may remain the last activity): recomputing it would need every statement.
 *
 * <p>A batch of statements is summed per member in memory and written with one statement when
 * the batch commits ({@link BatchedWrites}), in the token's transaction. Each row keeps which
 * statements it has applied ({@code last_global_index} and {@code applied_gaps}, see
 * {@link AppliedEvents}), read when the batch starts: a statement they cover is a redelivery and
 * is not summed again, whether the whole batch comes again or only part of it (batches overlap
 * when a segment restarts from an older token), while a statement filling a gap late still counts.
 */
@Component
@ReadsNoPersonalData
@ProcessingGroup("learning-activity")
class LearningActivityProjection extends Projection {

    static final String TABLE = "learning_activity";

    private final String table;
    private final String batchName;

    @Autowired
    LearningActivityProjection(JdbcTemplate jdbc) {
        this(jdbc, TABLE);
    }

    /** The same projection writing to another table: the consistency check's temporary copy. */
    LearningActivityProjection(JdbcTemplate jdbc, String table) {
        super(jdbc, List.of(table));
        this.table = table;
        this.batchName = LearningActivityProjection.class.getName() + "@" + table;
    }

    /** One member's statements in this batch, summed, and the statements applied to their row. */
    private static final class Sum {
        final UUID trainee;
        final UUID organization;
        long millis;
        int statements;
        Instant last;
        AppliedEvents applied;
        /** Whether an event of this batch was applied: the row is written, even if the sums are back to 0. */
        boolean touched;

        Sum(UUID trainee, UUID organization, AppliedEvents applied) {
            this.trainee = trainee;
            this.organization = organization;
            this.applied = applied;
        }
    }

    /** This unit of work's sums, and the applied statements of every row its messages name. */
    private static final class Batch {
        final Map<UUID, Sum> sums = new LinkedHashMap<>();
        final Map<UUID, AppliedEvents> rows = new HashMap<>();
    }

    @EventHandler
    void on(StatementRecorded event, TrackingToken token) {
        if (!event.member() || StatementVoided.voids(event)) {
            return;
        }
        Sum sum = fresh(event.actorId(), event.organizationId(), token);
        if (sum != null) {
            sum.millis += event.durationMillis() == null ? 0 : event.durationMillis();
            sum.statements++;
            sum.last = sum.last == null || event.timestamp().isAfter(sum.last) ? event.timestamp() : sum.last;
        }
    }

    @EventHandler
    void on(StatementVoided event, TrackingToken token) {
        if (!event.member()) {
            return;
        }
        Sum sum = fresh(event.actorId(), event.organizationId(), token);
        if (sum != null) {
            sum.millis -= event.durationMillis() == null ? 0 : event.durationMillis();
            sum.statements--;
        }
    }

    /** The member's sum in this batch, marked with the event; null if their row has applied it already. */
    private Sum fresh(UUID member, UUID organization, TrackingToken token) {
        Batch batch = BatchedWrites.of(batchName, this::start, this::write);
        Sum sum = batch.sums.computeIfAbsent(member, id -> new Sum(id, organization,
                batch.rows.getOrDefault(id, AppliedEvents.NONE)));
        if (sum.applied.covers(EventPositions.of(token, jdbc))) {
            return null;
        }
        sum.applied = sum.applied.and(AppliedEvents.at(token));
        sum.touched = true;
        return sum;
    }

    /** Reads what the rows of the batch's members have applied: one query. */
    private Batch start() {
        Batch batch = new Batch();
        Object[] members = BatchedWrites.messages().stream()
                .map(message -> message.getPayload() instanceof StatementRecorded s && s.member() ? s.actorId()
                        : message.getPayload() instanceof StatementVoided v && v.member() ? v.actorId() : null)
                .filter(Objects::nonNull).distinct().toArray();
        if (members.length > 0) {
            jdbc.execute((ConnectionCallback<Void>) connection -> {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT trainee_id, last_global_index, applied_gaps FROM " + table
                                + " WHERE trainee_id = ANY (?)")) {
                    select.setArray(1, connection.createArrayOf("uuid", members));
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            batch.rows.put(rs.getObject(1, UUID.class), AppliedEvents.of(rs.getLong(2), rs.getArray(3)));
                        }
                    }
                }
                return null;
            });
        }
        return batch;
    }

    private void write(Batch batch) {
        var rows = batch.sums.values().stream().filter(sum -> sum.touched).toList();
        if (rows.isEmpty()) {
            return;
        }
        ArrayStatement.execute(jdbc, """
                INSERT INTO %1$s AS a (trainee_id, organization_id, learning_millis, statements, last_activity,
                                               last_global_index, applied_gaps)
                SELECT v.id::uuid, v.org::uuid, v.millis, v.n, COALESCE(v.last::timestamptz, '-infinity'), v.position,
                       v.gaps::bigint[]
                  FROM unnest(?::text[], ?::text[], ?::bigint[], ?::int[], ?::text[], ?::bigint[], ?::text[])
                       AS v(id, org, millis, n, last, position, gaps)
                 WHERE %2$s
                   AND (v.n > 0 OR EXISTS (SELECT 1 FROM %1$s e WHERE e.trainee_id = v.id::uuid))
                ON CONFLICT (trainee_id) DO UPDATE
                   SET learning_millis = a.learning_millis + EXCLUDED.learning_millis,
                       statements = a.statements + EXCLUDED.statements,
                       last_activity = GREATEST(a.last_activity, EXCLUDED.last_activity),
                       last_global_index = EXCLUDED.last_global_index,
                       applied_gaps = EXCLUDED.applied_gaps""".formatted(table, notFenced("v.id")),
                connection -> new Array[] {
                        text(connection, rows, r -> r.trainee),
                        text(connection, rows, r -> r.organization),
                        of(connection, "int8", rows, r -> r.millis),
                        of(connection, "int4", rows, r -> r.statements),
                        text(connection, rows, r -> r.last),
                        of(connection, "int8", rows, r -> r.applied.index()),
                        text(connection, rows, r -> r.applied.gapsLiteral())});
        batch.sums.clear();
    }

    @Override
    public void erase(UUID subjectId) {
        jdbc.update("DELETE FROM " + table + " WHERE trainee_id = ?", subjectId);
    }
}
