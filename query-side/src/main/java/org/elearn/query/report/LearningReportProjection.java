package org.elearn.query.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.elearn.events.activity.StatementRecorded;
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
import org.elearn.query.jdbc.BatchedWrites;
import org.elearn.query.privacy.ErasableProjection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the learning report ({@code report_trainee}, {@code report_enrolment}, or the same tables
 * under another name for a rebuild or a point-in-time view): each trainee's figures as counters.
 * All events of one trainee reach it in order on one segment (data-subject sequencing). Each batch
 * of events is applied to its rows in memory ({@link ReportBatch}) and written back once, in the
 * transaction that stores the token, so each event counts once. Erased trainees' rows are marked:
 * named reports drop them, aggregates keep counting them.
 */
@ProcessingGroup("learning-report")
class LearningReportProjection implements ErasableProjection {

    private final JdbcTemplate jdbc;
    private final ReportTables tables;
    private final String batchResource;

    LearningReportProjection(JdbcTemplate jdbc, ReportTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.batchResource = ReportBatch.class.getName() + "@" + tables.trainee();
    }

    @EventHandler
    void on(MemberImported event, TrackingToken token) {
        batch().addTrainee(event.memberId(), event.organizationId(), event.department());
        batch().changed(event.memberId(), position(token));
    }

    @EventHandler
    void on(InvitationAccepted event, TrackingToken token) {
        if (event.role() == InvitedRole.TRAINEE) {
            batch().addTrainee(event.inviteeId(), event.organizationId(), null);
            batch().changed(event.inviteeId(), position(token));
        }
    }

    @EventHandler
    void on(MemberDetailsChanged event, TrackingToken token) {
        department(event.memberId(), event.department(), token);
    }

    @EventHandler
    void on(MemberEdited event, TrackingToken token) {
        department(event.memberId(), event.department(), token);
    }

    private void department(UUID member, String department, TrackingToken token) {
        ReportBatch.Trainee row = batch().changed(member, position(token));
        if (row != null) {
            row.department = department;
        }
    }

    @EventHandler
    void on(MemberDeactivated event, TrackingToken token) {
        status(event.memberId(), "DEACTIVATED", token);
    }

    @EventHandler
    void on(MemberReactivated event, TrackingToken token) {
        status(event.memberId(), "ACTIVE", token);
    }

    private void status(UUID member, String status, TrackingToken token) {
        ReportBatch.Trainee row = batch().changed(member, position(token));
        if (row != null) {
            row.status = status;
        }
    }

    @EventHandler
    void on(TraineeEnrolled event, @Timestamp Instant at, TrackingToken token) {
        ReportBatch batch = batch();
        ReportBatch.Enrolment enrolment = batch.enrolment(event.traineeId(), event.courseId());
        boolean added = enrolment == null || !enrolment.enrolled;
        if (enrolment == null) {
            enrolment = batch.addEnrolment(event.traineeId(), event.courseId(), event.organizationId(), at);
        }
        enrolment.enrolled = true;
        batch.changed(enrolment);
        count(event.traineeId(), token, row -> row.enrolled += added ? 1 : 0);
    }

    @EventHandler
    void on(TraineeUnenrolled event, TrackingToken token) {
        ReportBatch.Enrolment enrolment = batch().enrolment(event.traineeId(), event.courseId());
        boolean removed = enrolment != null && enrolment.enrolled;
        if (removed) {
            enrolment.enrolled = false;
            batch().changed(enrolment);
        }
        count(event.traineeId(), token, row -> row.enrolled -= removed ? 1 : 0);
    }

    @EventHandler
    void on(CourseStarted event, TrackingToken token) {
        ReportBatch.Enrolment enrolment = batch().enrolment(event.traineeId(), event.courseId());
        boolean started = enrolment != null && enrolment.startedAt == null;
        if (started) {
            enrolment.startedAt = event.startedAt();
            batch().changed(enrolment);
        }
        count(event.traineeId(), token, row -> row.started += started ? 1 : 0);
    }

    @EventHandler
    void on(CourseCompleted event, TrackingToken token) {
        ReportBatch.Enrolment enrolment = batch().enrolment(event.traineeId(), event.courseId());
        boolean completed = enrolment != null && enrolment.completedAt == null;
        if (completed) {
            enrolment.completedAt = event.completedAt();
            batch().changed(enrolment);
        }
        count(event.traineeId(), token, row -> row.completed += completed ? 1 : 0);
    }

    /** Exams count in the report; quizzes are practice. */
    @EventHandler
    void on(AssessmentAttempted event, TrackingToken token) {
        if (event.kind() != LessonKind.EXAM) {
            return;
        }
        int passed = event.passed() ? 1 : 0;
        ReportBatch.Enrolment enrolment = batch().enrolment(event.traineeId(), event.courseId());
        if (enrolment != null) {
            enrolment.examAttempts++;
            enrolment.examsPassed += passed;
            enrolment.scoreSum += event.score() == null ? 0 : event.score();
            enrolment.scoredAttempts += event.score() == null ? 0 : 1;
            batch().changed(enrolment);
        }
        count(event.traineeId(), token, row -> {
            row.examsTaken++;
            row.examsPassed += passed;
        });
    }

    @EventHandler
    void on(StatementRecorded event, TrackingToken token) {
        if (!event.member()) {
            return;
        }
        count(event.actorId(), token, row -> {
            row.learningMillis += event.durationMillis() == null ? 0 : event.durationMillis();
            if (row.lastActivity == null || event.timestamp().isAfter(row.lastActivity)) {
                row.lastActivity = event.timestamp();
            }
        });
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
        erase(event.userId(), position(token));
    }

    private void count(UUID trainee, TrackingToken token, java.util.function.Consumer<ReportBatch.Trainee> change) {
        ReportBatch.Trainee row = batch().changed(trainee, position(token));
        if (row != null) {
            change.accept(row);
        }
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

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM " + tables.enrolment());
        jdbc.update("DELETE FROM " + tables.trainee());
    }

    private static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    /**
     * This unit of work's batch: created on the first event, with the rows of every trainee the
     * batch's events name loaded at once, and written back when the unit of work commits.
     */
    private ReportBatch batch() {
        return BatchedWrites.of(batchResource, () -> {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
            ReportBatch batch = new ReportBatch(jdbc, tables);
            List<UUID> trainees = new ArrayList<>();
            List<?> messages = unitOfWork instanceof BatchingUnitOfWork<?> batching ? batching.getMessages()
                    : List.of(unitOfWork.getMessage());
            for (Object message : messages) {
                UUID trainee = traineeOf(((EventMessage<?>) message).getPayload());
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
