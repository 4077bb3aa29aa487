package org.elearn.query.course;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/me/enrolments}: the courses the caller is enrolled in, with their progress and certificate.
 * Start and completion times are when the service learned of them; {@code ...ReportedAt} are the times
 * the client's statements reported.
 */
@RestController
class MyEnrolmentsController {

    private final DatabaseClient db;

    MyEnrolmentsController(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping(path = "/api/me/enrolments", produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<Map<String, Object>> enrolments(@AuthenticationPrincipal Jwt caller) {
        return db.sql("""
                        SELECT e.course_id, c.title, e.source, e.enrolled_at, e.started_at, e.started_reported_at,
                               e.completed_at, e.completed_reported_at, e.certificate_code,
                               (SELECT count(*) FROM lesson_progress p WHERE p.trainee_id = e.trainee_id
                                   AND p.course_id = e.course_id AND p.done_at IS NOT NULL) AS lessons_done
                          FROM enrolment_view e
                          LEFT JOIN course_view c ON c.course_id = e.course_id
                         WHERE e.trainee_id = :me ORDER BY e.enrolled_at""")
                .bind("me", UUID.fromString(caller.getSubject()))
                .map(row -> {
                    Map<String, Object> enrolment = new LinkedHashMap<>();
                    enrolment.put("courseId", row.get("course_id", UUID.class));
                    enrolment.put("title", row.get("title", String.class));
                    enrolment.put("source", row.get("source", String.class));
                    enrolment.put("enrolledAt", row.get("enrolled_at", OffsetDateTime.class).toInstant());
                    enrolment.put("startedAt", instant(row.get("started_at", OffsetDateTime.class)));
                    enrolment.put("startedReportedAt", instant(row.get("started_reported_at", OffsetDateTime.class)));
                    enrolment.put("completedAt", instant(row.get("completed_at", OffsetDateTime.class)));
                    enrolment.put("completedReportedAt",
                            instant(row.get("completed_reported_at", OffsetDateTime.class)));
                    enrolment.put("lessonsDone", row.get("lessons_done", Long.class));
                    enrolment.put("certificateCode", row.get("certificate_code", String.class));
                    return enrolment;
                }).all();
    }

    private static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
