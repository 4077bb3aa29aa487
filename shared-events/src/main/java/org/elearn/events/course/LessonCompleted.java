package org.elearn.events.course;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.elearn.events.privacy.DataSubjectId;

/**
 * An enrolled trainee completed a video or courseware lesson for the first time.
 *
 * @param traineeId the trainee
 * @param courseId the course
 * @param organizationId their organization
 * @param lessonId the lesson
 * @param completedAt when the service learned of it: the stored time of the statement
 * @param reportedAt when it happened as the client reported it (the statement's {@code timestamp}),
 *                   kept beside and never trusted for order: a client may backdate it
 */
@Revision("2")
public record LessonCompleted(@DataSubjectId UUID traineeId, UUID courseId, UUID organizationId, UUID lessonId,
                              Instant completedAt, Instant reportedAt) {

    /** Checks that every field is present. */
    public LessonCompleted {
        Objects.requireNonNull(traineeId, "traineeId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(lessonId, "lessonId");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }
}
