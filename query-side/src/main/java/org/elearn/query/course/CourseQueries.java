package org.elearn.query.course;

import static org.elearn.query.jdbc.Columns.instant;
import static org.elearn.query.jdbc.Columns.uuid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one reader of the course read model: {@code course_view} ({@link CourseProjection}) and the
 * trainees' {@code enrolment_view}, {@code lesson_progress} and {@code certificate_view}
 * ({@link EnrolmentProjection}). The reactive reads go through R2DBC; the blocking ones
 * ({@code …Now}, for the personal-data export) through JDBC, for callers already off the event loop.
 */
@Component
public record CourseQueries(DatabaseClient db, JdbcTemplate jdbc, ObjectMapper mapper) {

    private static final String COURSE = "course_id, instructor_id, title, description, language, sections, status, "
            + "published_at";

    /** A course as the catalog shows it. */
    public record Course(UUID courseId, UUID instructorId, String title, String description, String language,
                         JsonNode sections, String status, Instant publishedAt) {
    }

    /**
     * One of a trainee's enrolments with its progress and certificate. Start and completion times are
     * when the service learned of them; {@code …ReportedAt} the times the client's statements reported.
     */
    public record Enrolment(UUID courseId, String title, String source, Instant enrolledAt, Instant startedAt,
                            Instant startedReportedAt, Instant completedAt, Instant completedReportedAt,
                            Long lessonsDone, String certificateCode) {
    }

    /** An issued certificate, the course's title with it; no trainee once they were erased. */
    public record Certificate(String verificationCode, UUID courseId, String courseTitle, Instant issuedAt,
                              Instant completedReportedAt, UUID traineeId) {
    }

    /** The organization's published courses, by title. */
    public Flux<Course> catalog(UUID organizationId) {
        return db.sql("SELECT " + COURSE + " FROM course_view WHERE organization_id = :org AND status = 'PUBLISHED'"
                        + " ORDER BY title")
                .bind("org", organizationId).map(this::courseOf).all();
    }

    /** One of the organization's courses, in any status. */
    public Mono<Course> course(UUID organizationId, UUID courseId) {
        return db.sql("SELECT " + COURSE + " FROM course_view WHERE organization_id = :org AND course_id = :id")
                .bind("org", organizationId).bind("id", courseId).map(this::courseOf).one();
    }

    /** The trainee's enrolments, the oldest first. */
    public Flux<Enrolment> enrolments(UUID traineeId) {
        return db.sql("""
                        SELECT e.course_id, c.title, e.source, e.enrolled_at, e.started_at, e.started_reported_at,
                               e.completed_at, e.completed_reported_at, e.certificate_code,
                               (SELECT count(*) FROM lesson_progress p WHERE p.trainee_id = e.trainee_id
                                   AND p.course_id = e.course_id AND p.done_at IS NOT NULL) AS lessons_done
                          FROM enrolment_view e
                          LEFT JOIN course_view c ON c.course_id = e.course_id
                         WHERE e.trainee_id = :me ORDER BY e.enrolled_at""")
                .bind("me", traineeId)
                .map(row -> new Enrolment(row.get("course_id", UUID.class), row.get("title", String.class),
                        row.get("source", String.class), instant(row.get("enrolled_at", OffsetDateTime.class)),
                        instant(row.get("started_at", OffsetDateTime.class)),
                        instant(row.get("started_reported_at", OffsetDateTime.class)),
                        instant(row.get("completed_at", OffsetDateTime.class)),
                        instant(row.get("completed_reported_at", OffsetDateTime.class)),
                        row.get("lessons_done", Long.class), row.get("certificate_code", String.class)))
                .all();
    }

    /** The certificate with this verification code. */
    public Mono<Certificate> certificate(String verificationCode) {
        return db.sql("""
                        SELECT v.verification_code, v.issued_at, v.completed_reported_at, v.course_id, v.trainee_id,
                               c.title
                          FROM certificate_view v
                          LEFT JOIN course_view c ON c.course_id = v.course_id
                         WHERE v.verification_code = :code""")
                .bind("code", verificationCode)
                .map(row -> new Certificate(row.get("verification_code", String.class),
                        row.get("course_id", UUID.class), row.get("title", String.class),
                        instant(row.get("issued_at", OffsetDateTime.class)),
                        instant(row.get("completed_reported_at", OffsetDateTime.class)),
                        row.get("trainee_id", UUID.class)))
                .one();
    }

    /** A course's row, for the personal-data export: each column but bookkeeping. */
    public record CourseRecord(UUID courseId, UUID organizationId, UUID instructorId, String title,
                               String description, String language, JsonNode sections, String status,
                               Instant publishedAt) {
    }

    /** An enrolment's row with its course's title. */
    public record EnrolmentRecord(UUID traineeId, UUID courseId, UUID organizationId, String source,
                                  Instant enrolledAt, Instant startedAt, Instant completedAt, String certificateCode,
                                  Instant startedReportedAt, Instant completedReportedAt, String courseTitle) {
    }

    /** A lesson's progress row. */
    public record LessonProgressRecord(UUID traineeId, UUID courseId, UUID lessonId, String kind, Instant doneAt,
                                       Integer attempts, Integer bestScore, Instant doneReportedAt) {
    }

    /** A certificate's row. */
    public record CertificateRecord(String verificationCode, UUID certificateId, UUID traineeId, UUID courseId,
                                    UUID organizationId, Instant issuedAt, Instant completedReportedAt) {
    }

    /** The instructor's courses, by title; blocking. */
    public List<CourseRecord> coursesOfInstructorNow(UUID instructorId) {
        return jdbc.query("""
                        SELECT course_id, organization_id, instructor_id, title, description, language, sections,
                               status, published_at
                          FROM course_view WHERE instructor_id = ? ORDER BY title, course_id""",
                (rs, n) -> new CourseRecord(uuid(rs, "course_id"), uuid(rs, "organization_id"),
                        uuid(rs, "instructor_id"), rs.getString("title"), rs.getString("description"),
                        rs.getString("language"), json(rs.getString("sections")), rs.getString("status"),
                        instant(rs, "published_at")), instructorId);
    }

    /** The trainee's enrolments, the oldest first; blocking. */
    public List<EnrolmentRecord> enrolmentsOfTraineeNow(UUID traineeId) {
        return jdbc.query("""
                        SELECT e.trainee_id, e.course_id, e.organization_id, e.source, e.enrolled_at, e.started_at,
                               e.completed_at, e.certificate_code, e.started_reported_at, e.completed_reported_at,
                               c.title AS course_title
                          FROM enrolment_view e
                          LEFT JOIN course_view c ON c.course_id = e.course_id
                         WHERE e.trainee_id = ? ORDER BY e.enrolled_at, e.course_id""",
                (rs, n) -> new EnrolmentRecord(uuid(rs, "trainee_id"), uuid(rs, "course_id"),
                        uuid(rs, "organization_id"), rs.getString("source"), instant(rs, "enrolled_at"),
                        instant(rs, "started_at"), instant(rs, "completed_at"), rs.getString("certificate_code"),
                        instant(rs, "started_reported_at"), instant(rs, "completed_reported_at"),
                        rs.getString("course_title")), traineeId);
    }

    /** The trainee's progress per lesson; blocking. */
    public List<LessonProgressRecord> lessonProgressOfTraineeNow(UUID traineeId) {
        return jdbc.query("""
                        SELECT trainee_id, course_id, lesson_id, kind, done_at, attempts, best_score, done_reported_at
                          FROM lesson_progress WHERE trainee_id = ? ORDER BY course_id, lesson_id""",
                (rs, n) -> new LessonProgressRecord(uuid(rs, "trainee_id"), uuid(rs, "course_id"),
                        uuid(rs, "lesson_id"), rs.getString("kind"), instant(rs, "done_at"),
                        rs.getObject("attempts", Integer.class), rs.getObject("best_score", Integer.class),
                        instant(rs, "done_reported_at")), traineeId);
    }

    /** The trainee's certificates, the oldest first; blocking. */
    public List<CertificateRecord> certificatesOfTraineeNow(UUID traineeId) {
        return jdbc.query("""
                        SELECT verification_code, certificate_id, trainee_id, course_id, organization_id, issued_at,
                               completed_reported_at
                          FROM certificate_view WHERE trainee_id = ? ORDER BY issued_at, verification_code""",
                (rs, n) -> new CertificateRecord(rs.getString("verification_code"), uuid(rs, "certificate_id"),
                        uuid(rs, "trainee_id"), uuid(rs, "course_id"), uuid(rs, "organization_id"),
                        instant(rs, "issued_at"), instant(rs, "completed_reported_at")), traineeId);
    }

    private Course courseOf(Readable row) {
        return new Course(row.get("course_id", UUID.class), row.get("instructor_id", UUID.class),
                row.get("title", String.class), row.get("description", String.class),
                row.get("language", String.class), json(row.get("sections", Json.class).asString()),
                row.get("status", String.class), instant(row.get("published_at", OffsetDateTime.class)));
    }

    private JsonNode json(String text) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored sections are not JSON", e);
        }
    }

}
