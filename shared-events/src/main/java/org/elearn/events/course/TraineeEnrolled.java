package org.elearn.events.course;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * A trainee was enrolled in a published course of their organization. Ids only: who learns what is
 * about the trainee, so the event names them as its data subject.
 *
 * @param traineeId the trainee
 * @param courseId the course
 * @param organizationId their organization
 * @param source assigned by an administrator, or subscribed by themselves
 */
public record TraineeEnrolled(@DataSubjectId UUID traineeId, UUID courseId, UUID organizationId,
                              EnrolmentSource source) {

    /** Checks that every field is present. */
    public TraineeEnrolled {
        Objects.requireNonNull(traineeId, "traineeId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(source, "source");
    }
}
