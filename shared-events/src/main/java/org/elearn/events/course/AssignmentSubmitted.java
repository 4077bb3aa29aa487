package org.elearn.events.course;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.serialization.Revision;
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
 * @param submittedAt when the service learned of it: the stored time of the statement
 * @param reportedAt when it happened as the client reported it (the statement's {@code timestamp}),
 *                   kept beside and never trusted for order: a client may backdate it
 */
@Revision("2")
public record AssignmentSubmitted(@DataSubjectId UUID traineeId, UUID courseId, UUID organizationId, UUID lessonId,
                                  @PersonalData String answers, Instant submittedAt, Instant reportedAt) {

    /** Checks that every field but the answers is present. */
    public AssignmentSubmitted {
        Objects.requireNonNull(traineeId, "traineeId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(lessonId, "lessonId");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }
}
