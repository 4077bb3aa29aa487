package org.elearn.query.report.projection;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.query.jdbc.AppliedEvents;
import org.elearn.query.jdbc.EventPositions;
import org.elearn.query.projection.Projection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.elearn.query.jdbc.ArrayStatement;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.elearn.query.jdbc.ArrayStatement.of;
import static org.elearn.query.jdbc.ArrayStatement.text;

/**
 * The report rows one batch of events touches, in memory: loaded together when the batch starts
 * (one query per table), changed event by event exactly as the events say, and written back
 * together when the batch commits (one statement per table, plus one NOTIFY per changed trainee
 * for the live tables). A batch only ever touches its own segment's trainees (data-subject
 * sequencing), so no other writer changes these counters meanwhile; erasure, the one outside
 * writer, only ever sets {@code erased}, which write-back never clears, and raises {@code version},
 * which write-back never lowers.
 *
 * <p>Exactly once: every row of a trainee carries the events applied to that trainee's rows
 * ({@link AppliedEvents}, written with the rows, so in the token's transaction), and
 * {@link #apply} refuses an event they cover. One stream writes a trainee's rows, so the positions
 * compared are all of one segment. {@code version} cannot serve: the erasure processor raises it
 * to the erasure's index while this processor may still have that trainee's earlier events to apply.
 */
final class ReportBatch {

    /** A report_trainee row. */
    static final class Trainee {
        final UUID id;
        final UUID organization;
        String department;
        String status = "ACTIVE";
        long learningMillis;
        int enrolled;
        int started;
        int completed;
        int examsTaken;
        int examsPassed;
        Instant lastActivity;
        long version;
        boolean restricted;
        boolean objected;

        Trainee(UUID id, UUID organization) {
            this.id = id;
            this.organization = organization;
        }
    }

    /** A report_enrolment row. */
    static final class Enrolment {
        final UUID trainee;
        final UUID course;
        final UUID organization;
        boolean enrolled;
        final Instant enrolledAt;
        Instant startedAt;
        Instant completedAt;
        int examAttempts;
        int examsPassed;
        long scoreSum;
        int scoredAttempts;

        Enrolment(UUID trainee, UUID course, UUID organization, Instant enrolledAt) {
            this.trainee = trainee;
            this.course = course;
            this.organization = organization;
            this.enrolledAt = enrolledAt;
        }
    }

    private record Key(UUID trainee, UUID course) {
    }

    private final JdbcTemplate jdbc;
    private final ReportTables tables;
    private final Set<UUID> loaded = new HashSet<>();
    private final Map<UUID, Trainee> trainees = new HashMap<>();
    private final Map<Key, Enrolment> enrolments = new HashMap<>();
    private final Map<UUID, Trainee> changedTrainees = new LinkedHashMap<>();
    private final Map<Key, Enrolment> changedEnrolments = new LinkedHashMap<>();
    /** Per trainee, the events applied to their rows: as loaded, then as this batch applies more. */
    private final Map<UUID, AppliedEvents> applied = new HashMap<>();

    ReportBatch(JdbcTemplate jdbc, ReportTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /**
     * Whether the event with this token is new to the trainee's rows, noting it as applied if so;
     * false for an event applied already (redelivered), which must then change nothing.
     */
    boolean apply(UUID trainee, TrackingToken token) {
        load(List.of(trainee));
        AppliedEvents before = applied.getOrDefault(trainee, AppliedEvents.NONE);
        if (before.covers(EventPositions.of(token, jdbc))) {
            return false;
        }
        applied.put(trainee, before.and(AppliedEvents.at(token)));
        return true;
    }

    private AppliedEvents applied(UUID trainee) {
        return applied.getOrDefault(trainee, AppliedEvents.NONE);
    }

    private void loaded(UUID trainee, long index, Array gaps) throws SQLException {
        applied.merge(trainee, AppliedEvents.of(index, gaps), AppliedEvents::and);
    }

    /** The trainee's row, or null if there is none. */
    Trainee trainee(UUID id) {
        load(List.of(id));
        return trainees.get(id);
    }

    /** Adds the trainee's row unless there is one. */
    void addTrainee(UUID id, UUID organization, String department) {
        if (trainee(id) == null) {
            Trainee row = new Trainee(id, organization);
            row.department = department;
            trainees.put(id, row);
            changedTrainees.put(id, row);
        }
    }

    /** Marks the row changed by the event at this position (if there is a row). */
    Trainee changed(UUID id, long position) {
        Trainee row = trainee(id);
        if (row != null) {
            row.version = Math.max(row.version, position);
            changedTrainees.put(id, row);
        }
        return row;
    }

    Enrolment enrolment(UUID trainee, UUID course) {
        load(List.of(trainee));
        return enrolments.get(new Key(trainee, course));
    }

    Enrolment addEnrolment(UUID trainee, UUID course, UUID organization, Instant at) {
        Enrolment row = new Enrolment(trainee, course, organization, at);
        enrolments.put(new Key(trainee, course), row);
        return changed(row);
    }

    Enrolment changed(Enrolment row) {
        changedEnrolments.put(new Key(row.trainee, row.course), row);
        return row;
    }

    /** Loads the rows of these trainees that are not loaded yet: one query per table. */
    void load(Collection<UUID> ids) {
        List<UUID> missing = ids.stream().filter(loaded::add).toList();
        if (missing.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            Array keys = connection.createArrayOf("uuid", missing.toArray());
            try (PreparedStatement select = connection.prepareStatement("SELECT trainee_id, organization_id, department,"
                    + " status, learning_millis, courses_enrolled, courses_started, courses_completed, exams_taken,"
                    + " exams_passed, last_activity, version, restricted, objected, applied_index, applied_gaps FROM "
                    + tables.trainee()
                    + " WHERE trainee_id = ANY (?)")) {
                select.setArray(1, keys);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Trainee row = new Trainee(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                        row.department = rs.getString(3);
                        row.status = rs.getString(4);
                        row.learningMillis = rs.getLong(5);
                        row.enrolled = rs.getInt(6);
                        row.started = rs.getInt(7);
                        row.completed = rs.getInt(8);
                        row.examsTaken = rs.getInt(9);
                        row.examsPassed = rs.getInt(10);
                        row.lastActivity = instant(rs.getTimestamp(11));
                        row.version = rs.getLong(12);
                        row.restricted = rs.getBoolean(13);
                        row.objected = rs.getBoolean(14);
                        trainees.put(row.id, row);
                        loaded(row.id, rs.getLong(15), rs.getArray(16));
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT trainee_id, course_id, organization_id,"
                    + " enrolled, enrolled_at, started_at, completed_at, exam_attempts, exams_passed, score_sum,"
                    + " scored_attempts, applied_index, applied_gaps FROM " + tables.enrolment()
                    + " WHERE trainee_id = ANY (?)")) {
                select.setArray(1, keys);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Enrolment row = new Enrolment(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                rs.getObject(3, UUID.class), instant(rs.getTimestamp(5)));
                        row.enrolled = rs.getBoolean(4);
                        row.startedAt = instant(rs.getTimestamp(6));
                        row.completedAt = instant(rs.getTimestamp(7));
                        row.examAttempts = rs.getInt(8);
                        row.examsPassed = rs.getInt(9);
                        row.scoreSum = rs.getLong(10);
                        row.scoredAttempts = rs.getInt(11);
                        enrolments.put(new Key(row.trainee, row.course), row);
                        loaded(row.trainee, rs.getLong(12), rs.getArray(13));
                    }
                }
            }
            return null;
        });
    }

    /**
     * Writes the changed rows back: new rows note the erasure fence, existing rows keep an
     * {@code erased} mark set meanwhile. On the live tables each changed trainee is announced.
     */
    void flush() {
        if (!changedTrainees.isEmpty()) {
            writeTrainees(new ArrayList<>(changedTrainees.values()));
        }
        if (!changedEnrolments.isEmpty()) {
            writeEnrolments(new ArrayList<>(changedEnrolments.values()));
        }
        changedTrainees.clear();
        changedEnrolments.clear();
    }

    private void writeTrainees(List<Trainee> rows) {
        String t = tables.trainee();
        String upsert = "INSERT INTO " + t + " (trainee_id, organization_id, department, status, learning_millis,"
                + " courses_enrolled, courses_started, courses_completed, exams_taken, exams_passed, last_activity,"
                + " version, restricted, objected, erased, applied_index, applied_gaps)"
                + " SELECT v.id::uuid, v.org::uuid, v.department, v.status, v.millis, v.enrolled, v.started,"
                + " v.completed, v.taken, v.passed, v.last::timestamptz, v.version, v.restricted, v.objected,"
                + " " + Projection.fenced("v.id") + ", v.applied, v.gaps::bigint[]"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::int[], ?::int[], ?::int[],"
                + " ?::int[], ?::int[], ?::text[], ?::bigint[], ?::boolean[], ?::boolean[], ?::bigint[], ?::text[])"
                + " AS v(id, org, department, status, millis, enrolled, started, completed, taken, passed, last, version,"
                + " restricted, objected, applied, gaps)"
                + " ON CONFLICT (trainee_id) DO UPDATE SET department = EXCLUDED.department, status = EXCLUDED.status,"
                + " learning_millis = EXCLUDED.learning_millis, courses_enrolled = EXCLUDED.courses_enrolled,"
                + " courses_started = EXCLUDED.courses_started, courses_completed = EXCLUDED.courses_completed,"
                + " exams_taken = EXCLUDED.exams_taken, exams_passed = EXCLUDED.exams_passed,"
                + " last_activity = EXCLUDED.last_activity, version = GREATEST(" + t + ".version, EXCLUDED.version),"
                + " restricted = EXCLUDED.restricted, objected = EXCLUDED.objected,"
                + " erased = " + t + ".erased OR EXCLUDED.erased, applied_index = EXCLUDED.applied_index,"
                + " applied_gaps = EXCLUDED.applied_gaps";
        String sql = tables.announced()
                ? "WITH changed AS (" + upsert + " RETURNING organization_id, trainee_id) SELECT count(pg_notify('"
                        + ReportChanges.CHANNEL + "', organization_id::text || ':' || trainee_id::text)) FROM changed"
                : upsert;
        ArrayStatement.execute(jdbc, sql, connection -> new Array[] {
                text(connection, rows, r -> r.id),
                text(connection, rows, r -> r.organization),
                text(connection, rows, r -> r.department),
                text(connection, rows, r -> r.status),
                of(connection, "int8", rows, r -> r.learningMillis),
                of(connection, "int4", rows, r -> r.enrolled),
                of(connection, "int4", rows, r -> r.started),
                of(connection, "int4", rows, r -> r.completed),
                of(connection, "int4", rows, r -> r.examsTaken),
                of(connection, "int4", rows, r -> r.examsPassed),
                text(connection, rows, r -> r.lastActivity),
                of(connection, "int8", rows, r -> r.version),
                of(connection, "bool", rows, r -> r.restricted),
                of(connection, "bool", rows, r -> r.objected),
                of(connection, "int8", rows, r -> applied(r.id).index()),
                text(connection, rows, r -> applied(r.id).gapsLiteral())});
    }

    private void writeEnrolments(List<Enrolment> rows) {
        String e = tables.enrolment();
        ArrayStatement.execute(jdbc, "INSERT INTO " + e + " (trainee_id, course_id, organization_id, enrolled, enrolled_at, started_at,"
                + " completed_at, exam_attempts, exams_passed, score_sum, scored_attempts, erased, applied_index, applied_gaps)"
                + " SELECT v.trainee::uuid, v.course::uuid, v.org::uuid, v.enrolled, v.enrolled_at::timestamptz,"
                + " v.started_at::timestamptz, v.completed_at::timestamptz, v.attempts, v.passed, v.score_sum, v.scored,"
                + " " + Projection.fenced("v.trainee") + ", v.applied,"
                + " v.gaps::bigint[]"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[], ?::text[], ?::int[],"
                + " ?::int[], ?::bigint[], ?::int[], ?::bigint[], ?::text[])"
                + " AS v(trainee, course, org, enrolled, enrolled_at, started_at, completed_at, attempts, passed,"
                + " score_sum, scored, applied, gaps)"
                + " ON CONFLICT (trainee_id, course_id) DO UPDATE SET enrolled = EXCLUDED.enrolled,"
                + " started_at = EXCLUDED.started_at, completed_at = EXCLUDED.completed_at,"
                + " exam_attempts = EXCLUDED.exam_attempts, exams_passed = EXCLUDED.exams_passed,"
                + " score_sum = EXCLUDED.score_sum, scored_attempts = EXCLUDED.scored_attempts,"
                + " erased = " + e + ".erased OR EXCLUDED.erased, applied_index = EXCLUDED.applied_index,"
                + " applied_gaps = EXCLUDED.applied_gaps",
                connection -> new Array[] {
                        text(connection, rows, r -> r.trainee),
                        text(connection, rows, r -> r.course),
                        text(connection, rows, r -> r.organization),
                        of(connection, "bool", rows, r -> r.enrolled),
                        text(connection, rows, r -> r.enrolledAt),
                        text(connection, rows, r -> r.startedAt),
                        text(connection, rows, r -> r.completedAt),
                        of(connection, "int4", rows, r -> r.examAttempts),
                        of(connection, "int4", rows, r -> r.examsPassed),
                        of(connection, "int8", rows, r -> r.scoreSum),
                        of(connection, "int4", rows, r -> r.scoredAttempts),
                        of(connection, "int8", rows, r -> applied(r.trainee).index()),
                        text(connection, rows, r -> applied(r.trainee).gapsLiteral())});
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
