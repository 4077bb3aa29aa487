package org.elearn.query.course;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elearn.query.QueryErrors;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
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
class CertificateController {

    /** The shape of a verification code (see the command side's CertificateCodes). */
    private static final String CODE = "[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}";
    static final String ERASED = "[erased]";

    private final DatabaseClient db;

    CertificateController(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping(path = "/api/certificates/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> check(@PathVariable String code) {
        if (!code.matches(CODE)) {
            return Mono.error(QueryErrors.INVALID_CODE.refusal("A verification code looks like 7KQ2-M9XD-4HTR-PB6W."));
        }
        return db.sql("""
                        SELECT v.verification_code, v.issued_at, v.completed_reported_at, v.course_id, c.title, m.name
                          FROM certificate_view v
                          LEFT JOIN course_view c ON c.course_id = v.course_id
                          LEFT JOIN member_view m ON m.member_id = v.trainee_id
                         WHERE v.verification_code = :code""")
                .bind("code", code)
                .map(row -> {
                    Map<String, Object> certificate = new LinkedHashMap<>();
                    certificate.put("verificationCode", row.get("verification_code", String.class));
                    certificate.put("courseId", row.get("course_id", java.util.UUID.class));
                    certificate.put("course", row.get("title", String.class));
                    certificate.put("issuedAt", row.get("issued_at", OffsetDateTime.class).toInstant());
                    OffsetDateTime reported = row.get("completed_reported_at", OffsetDateTime.class);
                    certificate.put("completedReportedAt", reported == null ? null : reported.toInstant());
                    String holder = row.get("name", String.class);
                    certificate.put("holder", holder == null ? ERASED : holder);
                    certificate.put("valid", true);
                    return certificate;
                }).one()
                .switchIfEmpty(Mono.error(QueryErrors.CERTIFICATE_NOT_FOUND.refusal(
                        "No certificate has this verification code.")));
    }
}
