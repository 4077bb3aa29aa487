package org.elearn.query.report.projection;

import org.elearn.support.axon.ReadsNoPersonalData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.activity.StatementVoided;
import org.elearn.events.course.AssessmentAttempted;
import org.elearn.events.course.CourseCompleted;
import org.elearn.events.course.CourseStarted;
import org.elearn.events.course.LessonKind;
import org.elearn.events.course.TraineeEnrolled;
import org.elearn.events.course.TraineeUnenrolled;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.InvitedRole;
import org.elearn.events.membership.MemberDeactivated;
import org.elearn.events.membership.MemberDetailsChanged;
import org.elearn.events.membership.MemberEdited;
import org.elearn.events.membership.MemberImported;
import org.elearn.events.membership.MemberReactivated;
import org.elearn.events.privacy.UserErased;
import org.elearn.events.processing.AnalyticsObjectionWithdrawn;
import org.elearn.events.processing.ObjectedToAnalytics;
import org.elearn.events.processing.ProcessingRestricted;
import org.elearn.events.processing.ProcessingRestrictionLifted;
import org.elearn.query.projection.Projection;
import org.elearn.support.axon.BatchedWrites;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the learning report ({@code report_trainee}, {@code report_enrolment}, or the same tables
 * under another name for a rebuild or a point-in-time view): each trainee's figures as counters.
 * All events of one trainee reach it in order on one segment (data-subject sequencing). Each batch
 * of events is applied to its rows in memory ({@link ReportBatch}) and written back once, in the
 * transaction that stores the token. Each event counts once: the rows also keep which events they
 * applied, and an event they cover (a batch delivered again) changes nothing, on every path (live,
 * rebuild, point in time, dead-letter retry). Erased trainees' rows are marked:
 * named reports drop them, aggregates keep counting them.
 */
@ReadsNoPersonalData
@ProcessingGroup("learning-report")
public class LearningReportProjection extends Projection {

    /** The verbs that record progress (docs/xapi.md): any of them may have been the course's last step. */
    private static final Set<String> PROGRESS_VERBS = Set.of("attempted", "initialized", "launched", "completed",
            "passed", "failed").stream().map(verb -> "http://adlnet.gov/expapi/verbs/" + verb).collect(Collectors.toSet());

    private final ReportTables tables;
    private final String batchResource;

    LearningReportProjection(JdbcTemplate jdbc, ReportTables tables) {
        super(jdbc, List.of(tables.enrolment(), tables.trainee()));
        this.tables = tables;
        this.batchResource = ReportBatch.class.getName() + "@" + tables.trainee();
    }

    /**
     * A projection writing {@link ReportTables#TEMPORARY}, created here in this transaction's
     * connection and dropped when it commits: for a past state of the report, or a consistency check.
     */
    public static LearningReportProjection intoTemporaryTables(JdbcTemplate jdbc) {
        ReportTables.createTemporary(jdbc);
        return new LearningReportProjection(jdbc, ReportTables.TEMPORARY);
    }

    @EventHandler
    void on(MemberImported event, TrackingToken token) {
        ReportBatch batch = fresh(event.memberId(), token);
        if (batch != null) {
            batch.addTrainee(event.memberId(), event.organizationId(), event.department());
            batch.changed(event.memberId(), positionOf(token));
        }
    }

    @EventHandler
    void on(InvitationAccepted event, TrackingToken token) {
        ReportBatch batch = event.role() == InvitedRole.TRAINEE ? fresh(event.inviteeId(), token) : null;
        if (batch != null) {
            batch.addTrainee(event.inviteeId(), event.organizationId(), null);
            batch.changed(event.inviteeId(), positionOf(token));
        }
    }

    @EventHandler
    void on(MemberDetailsChanged event, TrackingToken token) {
        count(event.memberId(), token, row -> row.department = event.department());
    }

    @EventHandler
    void on(MemberEdited event, TrackingToken token) {
        count(event.memberId(), token, row -> row.department = event.department());
    }

    @EventHandler
    void on(MemberDeactivated event, TrackingToken token) {
        count(event.memberId(), token, row -> row.status = "DEACTIVATED");
    }

    @EventHandler
    void on(MemberReactivated event, TrackingToken token) {
        count(event.memberId(), token, row -> row.status = "ACTIVE");
    }

    @EventHandler
    void on(TraineeEnrolled event, @Timestamp Instant at, TrackingToken token) {
        ReportBatch batch = fresh(event.traineeId(), token);
        if (batch == null) {
            return;
        }
        ReportBatch.Enrolment enrolment = batch.enrolment(event.traineeId(), event.courseId());
        boolean added = enrolment == null || !enrolment.enrolled;
        if (enrolment == null) {
            enrolment = batch.addEnrolment(event.traineeId(), event.courseId(), event.organizationId(), at);
        }
        enrolment.enrolled = true;
        batch.changed(enrolment);
        counted(batch, event.traineeId(), token, row -> row.enrolled += added ? 1 : 0);
    }

    @EventHandler
    void on(TraineeUnenrolled event, TrackingToken token) {
        ReportBatch batch = fresh(event.traineeId(), token);
        if (batch == null) {
            return;
        }
        ReportBatch.Enrolment enrolment = batch.enrolment(event.traineeId(), event.courseId());
        boolean removed = enrolment != null && enrolment.enrolled;
        if (removed) {
            enrolment.enrolled = false;
            batch.changed(enrolment);
        }
        counted(batch, event.traineeId(), token, row -> row.enrolled -= removed ? 1 : 0);
    }

    @EventHandler
    void on(CourseStarted event, TrackingToken token) {
        firstOf(event.traineeId(), event.courseId(), token, enrolment -> enrolment.startedAt == null,
                enrolment -> enrolment.startedAt = event.startedAt(), row -> row.started++);
    }

    @EventHandler
    void on(CourseCompleted event, TrackingToken token) {
        firstOf(event.traineeId(), event.courseId(), token, enrolment -> enrolment.completedAt == null,
                enrolment -> enrolment.completedAt = event.completedAt(), row -> row.completed++);
    }

    /**
     * A step of an enrolment that counts once: the first time it happens, {@code mark} dates the
     * enrolment and {@code count} adds it to the trainee's row; later times (and a course the trainee
     * is not enrolled in) change no count, though the trainee's row still records the event as applied.
     */
    private void firstOf(UUID trainee, UUID course, TrackingToken token, Predicate<ReportBatch.Enrolment> notYet,
                         Consumer<ReportBatch.Enrolment> mark, Consumer<ReportBatch.Trainee> count) {
        ReportBatch batch = fresh(trainee, token);
        if (batch == null) {
            return;
        }
        ReportBatch.Enrolment enrolment = batch.enrolment(trainee, course);
        boolean first = enrolment != null && notYet.test(enrolment);
        if (first) {
            mark.accept(enrolment);
            batch.changed(enrolment);
        }
        counted(batch, trainee, token, row -> {
            if (first) {
                count.accept(row);
            }
        });
    }

    /** Exams count in the report; quizzes are practice. */
    @EventHandler
    void on(AssessmentAttempted event, TrackingToken token) {
        ReportBatch batch = event.kind() == LessonKind.EXAM ? fresh(event.traineeId(), token) : null;
        if (batch == null) {
            return;
        }
        int passed = event.passed() ? 1 : 0;
        ReportBatch.Enrolment enrolment = batch.enrolment(event.traineeId(), event.courseId());
        if (enrolment != null) {
            enrolment.examAttempts++;
            enrolment.examsPassed += passed;
            enrolment.scoreSum += event.score() == null ? 0 : event.score();
            enrolment.scoredAttempts += event.score() == null ? 0 : 1;
            batch.changed(enrolment);
        }
        counted(batch, event.traineeId(), token, row -> {
            row.examsTaken++;
            row.examsPassed += passed;
        });
    }

    /** A voiding statement is not learning: it only takes back the statement it voids. */
    @EventHandler
    void on(StatementRecorded event, TrackingToken token) {
        if (!event.member() || StatementVoided.voids(event)) {
            return;
        }
        count(event.actorId(), token, row -> {
            row.learningMillis += event.durationMillis() == null ? 0 : event.durationMillis();
            if (row.lastActivity == null || event.timestamp().isAfter(row.lastActivity)) {
                row.lastActivity = event.timestamp();
            }
        });
    }

    /**
     * A voided statement no longer counts: its time is taken back, and if it is the statement that
     * completed its course (a lesson's completion or verdict at the enrolment's completion time), the
     * course is no longer completed in the report (the completion carries the stored time of the
     * statement that completed it). What cannot be taken back exactly stays, as
     * docs/reports.md says: the last activity (a maximum), the course's start, and exam attempts
     * (whether a statement made one depended on the lesson's kind and passing score, which the report
     * does not keep).
     */
    @EventHandler
    void on(StatementVoided event, TrackingToken token) {
        if (!event.member()) {
            return;
        }
        ReportBatch batch = fresh(event.actorId(), token);
        if (batch == null) {
            return;
        }
        ReportBatch.Enrolment enrolment = event.courseId() == null ? null
                : batch.enrolment(event.actorId(), event.courseId());
        boolean uncompleted = enrolment != null && completedTheCourse(event, enrolment.completedAt);
        if (uncompleted) {
            enrolment.completedAt = null;
            batch.changed(enrolment);
        }
        counted(batch, event.actorId(), token, row -> {
            row.learningMillis -= event.durationMillis() == null ? 0 : event.durationMillis();
            row.completed -= uncompleted ? 1 : 0;
        });
    }

    /**
     * Whether the voided statement is the one that completed its course: a course is completed by the
     * progress statement that makes the last required step, and the completion takes the time that
     * statement was stored. Compared to the microsecond, as PostgreSQL keeps it.
     */
    private static boolean completedTheCourse(StatementVoided event, Instant completedAt) {
        return completedAt != null && event.stored() != null && PROGRESS_VERBS.contains(event.verbId())
                && event.stored().truncatedTo(ChronoUnit.MICROS).equals(completedAt.truncatedTo(ChronoUnit.MICROS));
    }

    @EventHandler
    void on(ProcessingRestricted event, TrackingToken token) {
        count(event.subjectId(), token, row -> row.restricted = true);
    }

    @EventHandler
    void on(ProcessingRestrictionLifted event, TrackingToken token) {
        count(event.subjectId(), token, row -> row.restricted = false);
    }

    @EventHandler
    void on(ObjectedToAnalytics event, TrackingToken token) {
        count(event.subjectId(), token, row -> row.objected = true);
    }

    @EventHandler
    void on(AnalyticsObjectionWithdrawn event, TrackingToken token) {
        count(event.subjectId(), token, row -> row.objected = false);
    }

    /**
     * Marks the rows erased here too, in the subject's own order: a rebuild or a point-in-time
     * replay, which no erasure processor follows, then leaves no named row for the subject.
     */
    @EventHandler
    void on(UserErased event, TrackingToken token) {
        batch().flush();
        erase(event.userId(), positionOf(token));
    }

    /** Changes the trainee's row (if there is one) by an event not applied to it yet. */
    private void count(UUID trainee, TrackingToken token, Consumer<ReportBatch.Trainee> change) {
        ReportBatch batch = fresh(trainee, token);
        if (batch != null) {
            counted(batch, trainee, token, change);
        }
    }

    private static void counted(ReportBatch batch, UUID trainee, TrackingToken token,
                                Consumer<ReportBatch.Trainee> change) {
        ReportBatch.Trainee row = batch.changed(trainee, positionOf(token));
        if (row != null) {
            change.accept(row);
        }
    }

    /**
     * This unit of work's batch if the event is new to the trainee's rows; null if they have
     * applied it already (a redelivery), and then the event changes nothing.
     */
    private ReportBatch fresh(UUID trainee, TrackingToken token) {
        ReportBatch batch = batch();
        return batch.apply(trainee, token) ? batch : null;
    }

    @Override
    public void erase(UUID subjectId) {
        erase(subjectId, 0);
    }

    /**
     * Marks the rows erased: named reports leave them out, aggregates keep counting them. They hold
     * ids, counters and a department, which the event store keeps in clear anyway. The trainee row
     * takes the erasure's global index as its version, like any other change, and is announced: a
     * stream resuming from an index before the erasure, or listening live, gets its removal. Both
     * processors that apply an erasure stamp the same index, so applying it twice changes nothing.
     */
    @Override
    public void erase(UUID subjectId, long globalIndex) {
        String set = "UPDATE " + tables.trainee() + " SET erased = true, version = GREATEST(version, ?)"
                + " WHERE trainee_id = ?";
        if (tables.announced()) {
            jdbc.query("WITH changed AS (" + set + " RETURNING organization_id, trainee_id) SELECT pg_notify('"
                    + ReportChanges.CHANNEL + "', organization_id::text || ':' || trainee_id::text) FROM changed",
                    rs -> { }, globalIndex, subjectId);
        } else {
            jdbc.update(set, globalIndex, subjectId);
        }
        jdbc.update("UPDATE " + tables.enrolment() + " SET erased = true WHERE trainee_id = ?", subjectId);
    }

    /** The event's global index; 0 for an event handed over without one. */
    private static long positionOf(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    /**
     * This unit of work's batch: created on the first event, with the rows of every trainee the
     * batch's events name loaded at once, and written back when the unit of work commits.
     */
    private ReportBatch batch() {
        return BatchedWrites.of(batchResource, () -> {
            ReportBatch batch = new ReportBatch(jdbc, tables);
            List<UUID> trainees = new ArrayList<>();
            for (EventMessage<?> message : BatchedWrites.messages()) {
                UUID trainee = traineeOf(message.getPayload());
                if (trainee != null) {
                    trainees.add(trainee);
                }
            }
            batch.load(trainees);
            return batch;
        }, ReportBatch::flush);
    }

    /** The trainee an event is about, for the events this projection handles. */
    static UUID traineeOf(Object payload) {
        if (payload instanceof StatementRecorded e) {
            return e.member() ? e.actorId() : null;
        } else if (payload instanceof StatementVoided e) {
            return e.member() ? e.actorId() : null;
        } else if (payload instanceof MemberImported e) {
            return e.memberId();
        } else if (payload instanceof InvitationAccepted e) {
            return e.inviteeId();
        } else if (payload instanceof MemberDetailsChanged e) {
            return e.memberId();
        } else if (payload instanceof MemberEdited e) {
            return e.memberId();
        } else if (payload instanceof MemberDeactivated e) {
            return e.memberId();
        } else if (payload instanceof MemberReactivated e) {
            return e.memberId();
        } else if (payload instanceof TraineeEnrolled e) {
            return e.traineeId();
        } else if (payload instanceof TraineeUnenrolled e) {
            return e.traineeId();
        } else if (payload instanceof CourseStarted e) {
            return e.traineeId();
        } else if (payload instanceof CourseCompleted e) {
            return e.traineeId();
        } else if (payload instanceof AssessmentAttempted e) {
            return e.traineeId();
        } else if (payload instanceof ProcessingRestricted e) {
            return e.subjectId();
        } else if (payload instanceof ProcessingRestrictionLifted e) {
            return e.subjectId();
        } else if (payload instanceof ObjectedToAnalytics e) {
            return e.subjectId();
        } else if (payload instanceof AnalyticsObjectionWithdrawn e) {
            return e.subjectId();
        }
        return null;
    }
}
