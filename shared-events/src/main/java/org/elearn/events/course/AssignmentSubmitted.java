package org.elearn.events.course;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * An enrolled trainee handed in an assignment. Every submission is recorded; the first one counts
 * towards completion.
 *
 * @param traineeId the trainee
 * @param courseId the course
 * @param organizationId their organization
 * @param lessonId the assignment
 * @param answers what they answered, personal data; may be empty
 * @param submittedAt when
 */
public record AssignmentSubmitted(@DataSubjectId UUID traineeId, UUID courseId, UUID organizationId, UUID lessonId,
                                  @PersonalData String answers, Instant submittedAt) {

    /** Checks that every field but the answers is present. */
    public AssignmentSubmitted {
        Objects.requireNonNull(traineeId, "traineeId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(lessonId, "lessonId");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }
}
