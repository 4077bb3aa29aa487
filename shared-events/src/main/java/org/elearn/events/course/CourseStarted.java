package org.elearn.events.course;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.elearn.events.privacy.DataSubjectId;

/**
 * An enrolled trainee began a course: their first activity on it. Derived from activity statements.
 *
 * @param traineeId the trainee
 * @param courseId the course
 * @param organizationId their organization
 * @param startedAt when the service learned of the first activity: the stored time of its statement
 * @param reportedAt when it happened as the client reported it (the statement's {@code timestamp}),
 *                   kept beside and never trusted for order: a client may backdate it
 */
@Revision("2")
public record CourseStarted(@DataSubjectId UUID traineeId, UUID courseId, UUID organizationId, Instant startedAt,
                            Instant reportedAt) {

    /** Checks that every field is present. */
    public CourseStarted {
        Objects.requireNonNull(traineeId, "traineeId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }
}
