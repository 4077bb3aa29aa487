package org.elearn.query.report;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.elearn.support.web.ApiException;
import org.elearn.query.privacy.ProjectionCipher;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.elearn.query.web.Paged;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The learning report of an organization: one row per trainee, course
 * statistics and organization figures. An administrator sees their organization; a trainee sees
 * only their own row; an instructor sees the statistics of their own courses. Erased trainees
 * leave the named rows and keep counting in the aggregates. Read through R2DBC; sort columns come
 * from a fixed list and every value is a bound parameter.
 */
@RestController
class ReportController {

    /** The sort parameter: a column and a direction. */
    static final String SORT = "(name|department|learningSeconds|coursesCompleted|completionRate|examPassRate|"
            + "lastActivity),(asc|desc)";
    /** No email: it is sealed at rest (docs/privacy.md), so SQL cannot sort on it. */
    static final Map<String, String> SORTABLE = Map.of("name", "m.name",
            "department", "r.department", "learningSeconds", "r.learning_millis",
            "coursesCompleted", "r.courses_completed", "completionRate", ReportQuery.COMPLETION_RATE,
            "examPassRate", ReportQuery.EXAM_PASS_RATE, "lastActivity", "r.last_activity");
    private static final java.util.Set<String> NEVER_NULL = java.util.Set.of("name", "learningSeconds",
            "coursesCompleted");
    private static final java.util.Set<String> MEMBER_SORTS = java.util.Set.of("name");

    private final DatabaseClient db;
    private final PointInTimeReports pointInTime;
    private final ProjectionCipher cipher;

    ReportController(DatabaseClient db, PointInTimeReports pointInTime, ProjectionCipher cipher) {
        this.db = db;
        this.pointInTime = pointInTime;
        this.cipher = cipher;
    }

    @GetMapping(path = "/api/organizations/{organizationId}/reports/learning", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> learning(
            @PathVariable UUID organizationId,
            @Valid ReportFilters filters,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @RequestParam(defaultValue = "name,asc") @Pattern(regexp = ReportController.SORT) String sort,
            @AuthenticationPrincipal Jwt caller) {
        UUID onlyTrainee = learningScope(organizationId, caller);
        ReportQuery query = filters.query(organizationId, onlyTrainee);
        Mono<List<Map<String, Object>>> rows = query.bind(db.sql(ReportQuery.page(query, sort)))
                .bind("limit", size).bind("offset", (long) page * size).map(ReportQuery::row).all().collectList()
                .flatMap(trainees -> cipher.open(ReportQuery.MEMBERS, ReportQuery.ID, trainees));
        // the report's own rows: a member view still catching up does not make the count scan both tables
        Mono<Long> total = query.bind(db.sql("SELECT count(*) AS total FROM report_trainee r" + query.where()))
                .map(row -> row.get("total", Long.class)).one();
        return Paged.body(rows, total, page, size);
    }

    /**
     * The same page as it was at a past instant, replayed from the history
     * ({@link PointInTimeReports}); {@code at} must lie in the past.
     */
    @GetMapping(path = "/api/organizations/{organizationId}/reports/learning/as-of",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> learningAsOf(
            @PathVariable UUID organizationId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime at,
            @Valid ReportFilters filters,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @RequestParam(defaultValue = "name,asc") @Pattern(regexp = ReportController.SORT) String sort,
            @AuthenticationPrincipal Jwt caller) {
        UUID onlyTrainee = learningScope(organizationId, caller);
        if (at == null) { // checked after access, so another organization's report stays unknown (404)
            throw new ApiException(HttpStatus.BAD_REQUEST, "at-required", "at, the instant to show, is required.");
        }
        if (at.toInstant().isAfter(Instant.now())) {
            throw new ApiException(HttpStatus.BAD_REQUEST,
                    "at-in-the-future", "at must lie in the past; the live report shows the present.");
        }
        ReportQuery query = filters.query(organizationId, onlyTrainee);
        return Mono.fromCallable(() -> pointInTime.learning(query, at.toInstant(), orderBy(sort), page, size))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The ORDER BY clause for a checked sort parameter; ties go by trainee id in the same direction,
     * so pages are stable and an index on (organization, column, trainee) serves the sort read
     * forwards or backwards. Columns that may be null sort them last in either direction; the
     * indexes of migration V15 serve their descending order, the one dashboards open with.
     */
    static String orderBy(String sort) {
        String[] order = sort.split(",");
        String direction = order[1].toUpperCase();
        String nulls = NEVER_NULL.contains(order[0]) ? "" : " NULLS LAST";
        return SORTABLE.get(order[0]) + " " + direction + nulls + ", r.trainee_id " + direction;
    }

    /** Null for an administrator (every row); the caller's own id for a trainee. */
    static UUID learningScope(UUID organizationId, Jwt caller) {
        Caller.requireAnyRole(caller, Roles.ORG_ADMIN, Roles.TRAINEE);
        if (Caller.hasRole(caller, Roles.ORG_ADMIN)) {
            Caller.requireAdministratorOf(organizationId, caller);
            return null;
        }
        return Caller.requireRoleIn(organizationId, Roles.TRAINEE, caller);
    }

    @GetMapping(path = "/api/organizations/{organizationId}/reports/courses", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<Map<String, Object>>> courses(@PathVariable UUID organizationId,
                                            @RequestParam(required = false) UUID courseId,
                                            @AuthenticationPrincipal Jwt caller) {
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
            course.put("averageScore", rounded(row.get("average_score", Double.class)));
            course.put("passRate", rounded(row.get("pass_rate", Double.class)));
            return course;
        }).all().collectList();
    }

    @GetMapping(path = "/api/organizations/{organizationId}/reports/organization",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> organization(
            @PathVariable UUID organizationId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        LocalDate until = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
        LocalDate since = from == null ? until.minusDays(29) : from;
        if (since.isAfter(until) || since.plusDays(366).isBefore(until)) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "invalid-range",
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
                        "learningHours", rounded(row.get("millis", Number.class).doubleValue() / 3_600_000)))
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

    static Double rounded(Double value) {
        return value == null ? null : Math.round(value * 1000) / 1000.0;
    }

    /** The filters of the learning report, as SQL with named parameters. */
    record ReportQuery(UUID organization, String department, UUID course, LocalDate from, LocalDate to,
                       String status, UUID onlyTrainee) {

        /** The rates as expressions, the same text the indexes of migration V15 are built on. */
        static final String COMPLETION_RATE = "r.courses_completed::float8 / nullif(r.courses_enrolled, 0)";
        static final String EXAM_PASS_RATE = "r.exams_passed::float8 / nullif(r.exams_taken, 0)";

        static final String SELECT = """
                SELECT r.trainee_id, m.name, m.email, r.department, r.status, r.learning_millis, r.courses_enrolled,
                       r.courses_started, r.courses_completed, r.exams_taken, r.exams_passed, r.last_activity,
                       %s AS completion_rate, %s AS exam_pass_rate
                  FROM report_trainee r JOIN member_view m ON m.member_id = r.trainee_id
                                        AND m.organization_id = r.organization_id""".formatted(COMPLETION_RATE,
                EXAM_PASS_RATE);

        /**
         * One page. Sorted by name, the members are read in index order and their report
         * rows looked up. Sorted by a report column, the page is cut from the report rows first and
         * only its rows are joined to their members: the join is never done for a whole
         * organization. (A member whose view is still catching up is missing from such a page for
         * that moment, as it is from the others.)
         */
        static String page(ReportQuery query, String sort) {
            String limit = " ORDER BY " + orderBy(sort) + " LIMIT :limit OFFSET :offset";
            if (MEMBER_SORTS.contains(sort.split(",")[0])) {
                return SELECT + query.where() + limit;
            }
            return SELECT.replace("FROM report_trainee r", "FROM (SELECT r.* FROM report_trainee r" + query.where()
                    + limit + ") r") + " ORDER BY " + orderBy(sort);
        }

        /** Where the rows' sealed fields (the email) come from, and the key of whose they are. */
        static final String MEMBERS = "member_view";
        static final String ID = "traineeId";

        /** The same, with the row's version (for streams). */
        static final String SELECT_VERSIONED = SELECT.replace("SELECT r.trainee_id,", "SELECT r.version, r.trainee_id,");

        String where() {
            StringBuilder where = new StringBuilder(" WHERE r.organization_id = :org AND NOT r.erased AND NOT r.restricted");
            if (onlyTrainee != null) {
                where.append(" AND r.trainee_id = :me");
            }
            if (department != null) {
                where.append(" AND r.department = :department");
            }
            if (status != null) {
                where.append(" AND r.status = :status");
            }
            if (course != null) {
                where.append(" AND EXISTS (SELECT 1 FROM report_enrolment e WHERE e.trainee_id = r.trainee_id"
                        + " AND e.course_id = :course AND e.enrolled)");
            }
            if (from != null) {
                where.append(" AND r.last_activity >= :from");
            }
            if (to != null) {
                where.append(" AND r.last_activity < :to");
            }
            return where.toString();
        }

        DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
            for (Map.Entry<String, Object> parameter : parameters().entrySet()) {
                spec = spec.bind(parameter.getKey(), parameter.getValue());
            }
            return spec;
        }

        /** The values of the named parameters {@link #where()} uses. */
        Map<String, Object> parameters() {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("org", organization);
            if (onlyTrainee != null) {
                parameters.put("me", onlyTrainee);
            }
            if (department != null) {
                parameters.put("department", department);
            }
            if (status != null) {
                parameters.put("status", status);
            }
            if (course != null) {
                parameters.put("course", course);
            }
            if (from != null) {
                parameters.put("from", from.atStartOfDay().atOffset(ZoneOffset.UTC));
            }
            if (to != null) {
                parameters.put("to", to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            }
            return parameters;
        }

        static Map<String, Object> row(io.r2dbc.spi.Readable row) {
            Map<String, Object> trainee = new LinkedHashMap<>();
            trainee.put("traineeId", row.get("trainee_id", UUID.class));
            trainee.put("name", row.get("name", String.class));
            trainee.put("email", row.get("email", String.class));
            trainee.put("department", row.get("department", String.class));
            trainee.put("status", row.get("status", String.class));
            trainee.put("learningSeconds", row.get("learning_millis", Long.class) / 1000);
            trainee.put("coursesEnrolled", row.get("courses_enrolled", Integer.class));
            trainee.put("coursesStudied", row.get("courses_started", Integer.class));
            trainee.put("coursesCompleted", row.get("courses_completed", Integer.class));
            trainee.put("completionRate", rounded(row.get("completion_rate", Double.class)));
            trainee.put("examsTaken", row.get("exams_taken", Integer.class));
            trainee.put("examPassRate", rounded(row.get("exam_pass_rate", Double.class)));
            OffsetDateTime last = row.get("last_activity", OffsetDateTime.class);
            trainee.put("lastActivity", last == null ? null : last.toInstant());
            return trainee;
        }
    }
}
