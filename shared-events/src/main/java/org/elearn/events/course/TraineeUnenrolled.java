package org.elearn.events.course;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * A trainee left a course they had subscribed to.
 *
 * @param traineeId the trainee
 * @param courseId the course
 * @param organizationId their organization
 */
public record TraineeUnenrolled(@DataSubjectId UUID traineeId, UUID courseId, UUID organizationId) {

    /** Checks that every field is present. */
    public TraineeUnenrolled {
        Objects.requireNonNull(traineeId, "traineeId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
    }
}
