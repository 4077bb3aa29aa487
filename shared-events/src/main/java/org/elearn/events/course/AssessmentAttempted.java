package org.elearn.events.course;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.elearn.events.privacy.DataSubjectId;

/**
 * An enrolled trainee attempted a quiz or an exam.
 *
 * @param traineeId the trainee
 * @param courseId the course
 * @param organizationId their organization
 * @param lessonId the quiz or exam
 * @param kind {@link LessonKind#QUIZ} or {@link LessonKind#EXAM}
 * @param score the score, 0-100, if the attempt reported one
 * @param passed whether the attempt passed
 * @param attemptedAt when the service learned of it: the stored time of the statement
 * @param reportedAt when it happened as the client reported it (the statement's {@code timestamp}),
 *                   kept beside and never trusted for order: a client may backdate it
 */
@Revision("2")
public record AssessmentAttempted(@DataSubjectId UUID traineeId, UUID courseId, UUID organizationId, UUID lessonId,
                                  LessonKind kind, Integer score, boolean passed, Instant attemptedAt,
                                  Instant reportedAt) {

    /** Checks that every field but the score is present. */
    public AssessmentAttempted {
        Objects.requireNonNull(traineeId, "traineeId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(lessonId, "lessonId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(attemptedAt, "attemptedAt");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }
}
