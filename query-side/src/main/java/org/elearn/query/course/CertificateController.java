package org.elearn.query.course;

import java.time.Instant;
import java.util.UUID;
import org.elearn.query.QueryErrors;
import org.elearn.query.membership.MemberQueries;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/certificates/{code}}, public: anyone holding a verification code sees the course,
 * the date and the holder's name, or {@code [erased]} once the holder was erased. {@code issuedAt} is
 * when the service learned of the completion; {@code completedReportedAt} the completion time the
 * client's statement reported, which the client may have backdated.
 */
@RestController
record CertificateController(CourseQueries courses, MemberQueries members) {

    /** The shape of a verification code (see the command side's CertificateCodes). */
    private static final String CODE = "[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}";
    static final String ERASED = "[erased]";

    /** What the check shows: a certificate found is valid. */
    record CertificateCheck(String verificationCode, UUID courseId, String course, Instant issuedAt,
                            Instant completedReportedAt, String holder, boolean valid) {
    }

    @GetMapping(path = "/api/certificates/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CertificateCheck> check(@PathVariable String code) {
        if (!code.matches(CODE)) {
            return Mono.error(QueryErrors.INVALID_CODE.refusal("A verification code looks like 7KQ2-M9XD-4HTR-PB6W."));
        }
        return courses.certificate(code)
                .flatMap(certificate -> holder(certificate.traineeId()).map(holder -> new CertificateCheck(
                        certificate.verificationCode(), certificate.courseId(), certificate.courseTitle(),
                        certificate.issuedAt(), certificate.completedReportedAt(), holder, true)))
                .switchIfEmpty(Mono.error(QueryErrors.CERTIFICATE_NOT_FOUND.refusal(
                        "No certificate has this verification code.")));
    }

    private Mono<String> holder(UUID traineeId) {
        return traineeId == null ? Mono.just(ERASED) : members.name(traineeId).defaultIfEmpty(ERASED);
    }
}
