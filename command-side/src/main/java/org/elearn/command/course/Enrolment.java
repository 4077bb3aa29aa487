package org.elearn.command.course;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.elearn.events.course.AssessmentAttempted;
import org.elearn.events.course.AssignmentSubmitted;
import org.elearn.events.course.CertificateIssued;
import org.elearn.events.course.CourseCompleted;
import org.elearn.events.course.CourseStarted;
import org.elearn.events.course.LessonCompleted;
import org.elearn.events.course.TraineeEnrolled;
import org.elearn.events.course.TraineeUnenrolled;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.command.CommandErrors;

/**
 * One trainee in one course: enrolled or not, and their progress. Its id is derived from the pair.
 *
 * <p>Progress rules: any activity on the course starts it; a video or courseware lesson is done
 * when completed, an assignment when submitted, a quiz or exam when an attempt passed. An attempt
 * passes when its score reaches the lesson's passing score; without a score or a passing score, the
 * verb decides. The course is completed, and a certificate issued, once every required lesson is
 * done. Activity while not enrolled changes nothing. Every progress event is timed by when the
 * service learned of it, with the client's reported time beside it.
 */
@Aggregate(repository = EnrolmentRepository.Beans.NAME)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Enrolment {

    @AggregateIdentifier
    private UUID enrolmentId;
    @DataSubjectId
    private UUID traineeId;
    private UUID courseId;
    private UUID organizationId;
    private boolean enrolled;
    private boolean started;
    private boolean completed;
    private final Set<UUID> done = new HashSet<>();

    Enrolment() {
        // for Axon: rebuilt from events
    }

    static UUID idOf(UUID traineeId, UUID courseId) {
        return UUID.nameUUIDFromBytes(("enrolment:" + traineeId + ":" + courseId).getBytes(StandardCharsets.UTF_8));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(Enrol command) {
        if (enrolled) {
            return false;
        }
        apply(new TraineeEnrolled(command.traineeId(), command.courseId(), command.organizationId(), command.source()));
        return true;
    }

    @CommandHandler
    void handle(Unenrol command) {
        if (!enrolled) {
            throw CommandErrors.NOT_ENROLLED.refusal("You are not enrolled in this course.");
        }
        apply(new TraineeUnenrolled(traineeId, courseId, organizationId));
    }

    /** Answers whether the activity counted (false when the trainee is not enrolled). */
    @CommandHandler
    boolean handle(RecordProgress command, CertificateCodes codes) {
        if (!enrolled) {
            return false;
        }
        Instant at = command.at();
        Instant reportedAt = command.reportedAt();
        if (!started) {
            apply(new CourseStarted(traineeId, courseId, organizationId, at, reportedAt));
        }
        if (command.lessonId() != null && command.kind() != null) {
            recordLesson(command);
        }
        if (!completed && done.containsAll(command.requiredLessons())) {
            apply(new CourseCompleted(traineeId, courseId, organizationId, at, reportedAt));
            apply(new CertificateIssued(UUID.randomUUID(), traineeId, courseId, organizationId, codes.next(), at,
                    reportedAt));
        }
        return true;
    }

    private void recordLesson(RecordProgress command) {
        RecordProgress.Step step = command.step();
        UUID lesson = command.lessonId();
        switch (command.kind()) {
            case VIDEO, COURSEWARE -> {
                if (step == RecordProgress.Step.COMPLETED && !done.contains(lesson)) {
                    apply(new LessonCompleted(traineeId, courseId, organizationId, lesson, command.at(),
                            command.reportedAt()));
                }
            }
            case ASSIGNMENT -> {
                if (step == RecordProgress.Step.COMPLETED) {
                    apply(new AssignmentSubmitted(traineeId, courseId, organizationId, lesson,
                            command.answers() == null ? "" : command.answers(), command.at(), command.reportedAt()));
                }
            }
            case QUIZ, EXAM -> {
                boolean verdict = step == RecordProgress.Step.PASSED || step == RecordProgress.Step.FAILED;
                if (verdict || (step == RecordProgress.Step.COMPLETED && command.score() != null)) {
                    boolean passed = command.score() != null && command.passingScore() != null
                            ? command.score() >= command.passingScore()
                            : step == RecordProgress.Step.PASSED;
                    apply(new AssessmentAttempted(traineeId, courseId, organizationId, lesson, command.kind(),
                            command.score(), passed, command.at(), command.reportedAt()));
                }
            }
            default -> throw new IllegalStateException("unknown lesson kind " + command.kind());
        }
    }

    @EventSourcingHandler
    void on(TraineeEnrolled event) {
        this.enrolmentId = idOf(event.traineeId(), event.courseId());
        this.traineeId = event.traineeId();
        this.courseId = event.courseId();
        this.organizationId = event.organizationId();
        this.enrolled = true;
    }

    @EventSourcingHandler
    void on(TraineeUnenrolled event) {
        this.enrolled = false;
    }

    @EventSourcingHandler
    void on(CourseStarted event) {
        this.started = true;
    }

    @EventSourcingHandler
    void on(LessonCompleted event) {
        done.add(event.lessonId());
    }

    @EventSourcingHandler
    void on(AssignmentSubmitted event) {
        done.add(event.lessonId());
    }

    @EventSourcingHandler
    void on(AssessmentAttempted event) {
        if (event.passed()) {
            done.add(event.lessonId());
        }
    }

    @EventSourcingHandler
    void on(CourseCompleted event) {
        this.completed = true;
    }
}
