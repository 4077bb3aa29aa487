package org.elearn.query.report.query;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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

    /** Trainees active in the last 7 and 30 days. */
    private record Active(long sevenDays, long thirtyDays) {
    }

    /**
     * Each course's statistics: every course of the organization for its administrator, their own
     * courses for an instructor; only {@code courseId} if given.
     */
    public Mono<List<CourseFigures>> courses(UUID organizationId, UUID courseId, Jwt caller) {
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
        return spec.map(row -> new CourseFigures(row.get("course_id", UUID.class), row.get("title", String.class),
                row.get("status", String.class), row.get("enrolled", Long.class), row.get("started", Long.class),
                row.get("completed", Long.class), ReportSql.rounded(row.get("average_score", Double.class)),
                ReportSql.rounded(row.get("pass_rate", Double.class)))).all().collectList();
    }

    /**
     * The organization's figures for its administrator: active trainees, completions per day from
     * {@code from} to {@code to} (the last 30 days unless given), learning hours by department.
     */
    public Mono<OrganizationFigures> organization(UUID organizationId, LocalDate from, LocalDate to, Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        LocalDate until = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
        LocalDate since = from == null ? until.minusDays(29) : from;
        if (since.isAfter(until) || since.plusDays(366).isBefore(until)) {
            return Mono.error(QueryErrors.INVALID_RANGE.refusal(
                    "from must not be after to, and the range is at most 366 days."));
        }
        Mono<Active> active = db.sql("""
                        SELECT count(*) FILTER (WHERE last_activity >= now() - interval '7 days') AS active7,
                               count(*) FILTER (WHERE last_activity >= now() - interval '30 days') AS active30
                          FROM report_trainee WHERE organization_id = :org AND NOT restricted AND NOT objected""")
                .bind("org", organizationId)
                .map(row -> new Active(row.get("active7", Long.class), row.get("active30", Long.class))).one();
        Mono<List<OrganizationFigures.DayCompletions>> completions = db.sql("""
                        SELECT (completed_at AT TIME ZONE 'UTC')::date AS day, count(*) AS completions
                          FROM report_enrolment
                         WHERE organization_id = :org AND completed_at >= :since AND completed_at < :until
                           AND NOT EXISTS (SELECT 1 FROM report_trainee t WHERE t.trainee_id = report_enrolment.trainee_id
                                           AND (t.restricted OR t.objected))
                         GROUP BY day ORDER BY day""")
                .bind("org", organizationId).bind("since", since.atStartOfDay().atOffset(ZoneOffset.UTC))
                .bind("until", until.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                .map(row -> new OrganizationFigures.DayCompletions(row.get("day", LocalDate.class),
                        row.get("completions", Long.class))).all().collectList();
        Mono<List<OrganizationFigures.DepartmentHours>> hours = db.sql("""
                        SELECT coalesce(department, '') AS department, sum(learning_millis) AS millis
                          FROM report_trainee WHERE organization_id = :org AND NOT restricted AND NOT objected
                         GROUP BY coalesce(department, '') ORDER BY department""")
                .bind("org", organizationId)
                .map(row -> new OrganizationFigures.DepartmentHours(row.get("department", String.class),
                        ReportSql.rounded(row.get("millis", Number.class).doubleValue() / 3_600_000)))
                .all().collectList();
        return Mono.zip(active, completions, hours).map(result -> new OrganizationFigures(result.getT1().sevenDays(),
                result.getT1().thirtyDays(), since, until, result.getT2(), result.getT3()));
    }
}
