package org.elearn.events.course;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import org.elearn.events.privacy.DataSubjectId;

/**
 * A certificate of completion was issued. Anyone holding the verification code can check it.
 *
 * @param certificateId the certificate
 * @param traineeId its holder
 * @param courseId the completed course
 * @param organizationId the holder's organization
 * @param verificationCode the public code, e.g. {@code 7KQ2-M9XD-4HTR-PB6W}
 * @param issuedAt when it was issued: when the service learned of the completion (the stored time of
 *                 the statement that completed the course)
 * @param reportedAt when it happened as the client reported it (the statement's {@code timestamp}),
 *                   kept beside and never trusted for order: a client may backdate it
 */
@Revision("2")
public record CertificateIssued(UUID certificateId, @DataSubjectId UUID traineeId, UUID courseId,
                                UUID organizationId, String verificationCode, Instant issuedAt, Instant reportedAt) {

    /** Checks that every field is present. */
    public CertificateIssued {
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(traineeId, "traineeId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(verificationCode, "verificationCode");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }
}
