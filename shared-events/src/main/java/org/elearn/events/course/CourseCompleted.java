package org.elearn.events.course;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.elearn.events.privacy.DataSubjectId;

/**
 * An enrolled trainee has done every required item of the course.
 *
 * @param traineeId the trainee
 * @param courseId the course
 * @param organizationId their organization
 * @param completedAt when the service learned that the last required item was done: the stored time
 *                    of that statement
 * @param reportedAt when it happened as the client reported it (the statement's {@code timestamp}),
 *                   kept beside and never trusted for order: a client may backdate it
 */
@Revision("2")
public record CourseCompleted(@DataSubjectId UUID traineeId, UUID courseId, UUID organizationId,
                              Instant completedAt, Instant reportedAt) {

    /** Checks that every field is present. */
    public CourseCompleted {
        Objects.requireNonNull(traineeId, "traineeId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }
}
