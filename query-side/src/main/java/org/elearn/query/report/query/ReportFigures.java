package org.elearn.query.report.query;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.query.QueryErrors;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The learning report's course statistics and organization figures, with their access rules: read
 * by the report's pages and recomputed by its streams. Trainees whose processing is restricted or
 * who objected to analytics stay out of them.
 */
@Component
public class ReportFigures {

    private final DatabaseClient db;

    ReportFigures(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Each course's statistics: every course of the organization for its administrator, their own
     * courses for an instructor; only {@code courseId} if given.
     */
    public Mono<List<Map<String, Object>>> courses(UUID organizationId, UUID courseId, Jwt caller) {
        Caller.requireAnyRole(caller, Roles.ORG_ADMIN, Roles.INSTRUCTOR);
        UUID onlyInstructor;
        if (Caller.hasRole(caller, Roles.ORG_ADMIN)) {
            Caller.requireAdministratorOf(organizationId, caller);
            onlyInstructor = null;
        } else {
            onlyInstructor = Caller.requireRoleIn(organizationId, Roles.INSTRUCTOR, caller);
        }
        StringBuilder where = new StringBuilder(" WHERE c.organization_id = :org");
        if (onlyInstructor != null) {
            where.append(" AND c.instructor_id = :instructor");
        }
        if (courseId != null) {
            where.append(" AND c.course_id = :course");
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT c.course_id, c.title, c.status,
                               count(e.course_id) FILTER (WHERE e.enrolled) AS enrolled,
                               count(e.started_at) AS started, count(e.completed_at) AS completed,
                               sum(e.score_sum)::float8 / nullif(sum(e.scored_attempts), 0) AS average_score,
                               sum(e.exams_passed)::float8 / nullif(sum(e.exam_attempts), 0) AS pass_rate
                          FROM course_view c LEFT JOIN report_enrolment e ON e.course_id = c.course_id
                           AND NOT EXISTS (SELECT 1 FROM report_trainee t WHERE t.trainee_id = e.trainee_id
                                           AND (t.restricted OR t.objected))"""
                        + where + " GROUP BY c.course_id, c.title, c.status ORDER BY c.title, c.course_id")
                .bind("org", organizationId);
        if (onlyInstructor != null) {
            spec = spec.bind("instructor", onlyInstructor);
        }
        if (courseId != null) {
            spec = spec.bind("course", courseId);
        }
        return spec.map(row -> {
            Map<String, Object> course = new LinkedHashMap<>();
            course.put("courseId", row.get("course_id", UUID.class));
            course.put("title", row.get("title", String.class));
            course.put("status", row.get("status", String.class));
            course.put("enrolled", row.get("enrolled", Long.class));
            course.put("started", row.get("started", Long.class));
            course.put("completed", row.get("completed", Long.class));
            course.put("averageScore", ReportSql.rounded(row.get("average_score", Double.class)));
            course.put("passRate", ReportSql.rounded(row.get("pass_rate", Double.class)));
            return course;
        }).all().collectList();
    }

    /**
     * The organization's figures for its administrator: active trainees, completions per day from
     * {@code from} to {@code to} (the last 30 days unless given), learning hours by department.
     */
    public Mono<Map<String, Object>> organization(UUID organizationId, LocalDate from, LocalDate to, Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        LocalDate until = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
        LocalDate since = from == null ? until.minusDays(29) : from;
        if (since.isAfter(until) || since.plusDays(366).isBefore(until)) {
            return Mono.error(QueryErrors.INVALID_RANGE.refusal(
                    "from must not be after to, and the range is at most 366 days."));
        }
        Mono<Map<String, Object>> active = db.sql("""
                        SELECT count(*) FILTER (WHERE last_activity >= now() - interval '7 days') AS active7,
                               count(*) FILTER (WHERE last_activity >= now() - interval '30 days') AS active30
                          FROM report_trainee WHERE organization_id = :org AND NOT restricted AND NOT objected""")
                .bind("org", organizationId)
                .map(row -> Map.<String, Object>of("activeTrainees7Days", row.get("active7", Long.class),
                        "activeTrainees30Days", row.get("active30", Long.class))).one();
        Mono<List<Map<String, Object>>> completions = db.sql("""
                        SELECT (completed_at AT TIME ZONE 'UTC')::date AS day, count(*) AS completions
                          FROM report_enrolment
                         WHERE organization_id = :org AND completed_at >= :since AND completed_at < :until
                           AND NOT EXISTS (SELECT 1 FROM report_trainee t WHERE t.trainee_id = report_enrolment.trainee_id
                                           AND (t.restricted OR t.objected))
                         GROUP BY day ORDER BY day""")
                .bind("org", organizationId).bind("since", since.atStartOfDay().atOffset(ZoneOffset.UTC))
                .bind("until", until.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                .map(row -> Map.<String, Object>of("day", row.get("day", LocalDate.class),
                        "completions", row.get("completions", Long.class))).all().collectList();
        Mono<List<Map<String, Object>>> hours = db.sql("""
                        SELECT coalesce(department, '') AS department, sum(learning_millis) AS millis
                          FROM report_trainee WHERE organization_id = :org AND NOT restricted AND NOT objected
                         GROUP BY coalesce(department, '') ORDER BY department""")
                .bind("org", organizationId)
                .map(row -> Map.<String, Object>of("department", row.get("department", String.class),
                        "learningHours", ReportSql.rounded(row.get("millis", Number.class).doubleValue() / 3_600_000)))
                .all().collectList();
        return Mono.zip(active, completions, hours).map(result -> {
            Map<String, Object> body = new LinkedHashMap<>(result.getT1());
            body.put("from", since);
            body.put("to", until);
            body.put("completionsPerDay", result.getT2());
            body.put("learningHoursByDepartment", result.getT3());
            return body;
        });
    }
}
