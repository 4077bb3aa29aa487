package org.elearn.events.course;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * An enrolled trainee has done every required item of the course.
 *
 * @param traineeId the trainee
 * @param courseId the course
 * @param organizationId their organization
 * @param completedAt when the last required item was done
 */
public record CourseCompleted(@DataSubjectId UUID traineeId, UUID courseId, UUID organizationId,
                              Instant completedAt) {

    /** Checks that every field is present. */
    public CourseCompleted {
        Objects.requireNonNull(traineeId, "traineeId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(completedAt, "completedAt");
    }
}
