package org.elearn.events.course;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * An enrolled trainee began a course: their first activity on it. Derived from activity statements.
 *
 * @param traineeId the trainee
 * @param courseId the course
 * @param organizationId their organization
 * @param startedAt when the activity happened
 */
public record CourseStarted(@DataSubjectId UUID traineeId, UUID courseId, UUID organizationId, Instant startedAt) {

    /** Checks that every field is present. */
    public CourseStarted {
        Objects.requireNonNull(traineeId, "traineeId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
