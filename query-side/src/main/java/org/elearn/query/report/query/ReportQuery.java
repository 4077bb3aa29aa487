package org.elearn.query.report.query;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The parameters of one read of the learning report: the organization, the filters of the query
 * string ({@link ReportFilters}) and, for a trainee, their own id. Each becomes a bound parameter;
 * the report's SQL is built around them.
 *
 * @param organization the organization whose report it is
 * @param department only this department
 * @param course only trainees enrolled in this course
 * @param from only trainees active on or after this UTC day
 * @param to only trainees whose last activity is on or before this UTC day
 * @param status {@code ACTIVE} or {@code DEACTIVATED}
 * @param onlyTrainee only this trainee's own row; null for every row
 */
public record ReportQuery(UUID organization, String department, UUID course, LocalDate from, LocalDate to,
                          String status, UUID onlyTrainee) {

    /** The sort parameter: a column and a direction. */
    public static final String SORT = "(name|department|learningSeconds|coursesCompleted|completionRate|examPassRate|"
            + "lastActivity),(asc|desc)";

    /** The rates as expressions, the same text the indexes of migration V15 are built on. */
    static final String COMPLETION_RATE = "r.courses_completed::float8 / nullif(r.courses_enrolled, 0)";
    static final String EXAM_PASS_RATE = "r.exams_passed::float8 / nullif(r.exams_taken, 0)";

    /** No email: it is sealed at rest (docs/privacy.md), so SQL cannot sort on it. */
    private static final Map<String, String> SORTABLE = Map.of("name", "m.name",
            "department", "r.department", "learningSeconds", "r.learning_millis",
            "coursesCompleted", "r.courses_completed", "completionRate", COMPLETION_RATE,
            "examPassRate", EXAM_PASS_RATE, "lastActivity", "r.last_activity");
    private static final Set<String> NEVER_NULL = Set.of("name", "learningSeconds", "coursesCompleted");
    private static final Set<String> MEMBER_SORTS = Set.of("name");

    public static final String SELECT = """
            SELECT r.trainee_id, m.name, m.email, r.department, r.status, r.learning_millis, r.courses_enrolled,
                   r.courses_started, r.courses_completed, r.exams_taken, r.exams_passed, r.last_activity,
                   %s AS completion_rate, %s AS exam_pass_rate
              FROM report_trainee r JOIN member_view m ON m.member_id = r.trainee_id
                                    AND m.organization_id = r.organization_id""".formatted(COMPLETION_RATE,
            EXAM_PASS_RATE);

    /** The same, with the row's version (for streams). */
    public static final String SELECT_VERSIONED = SELECT.replace("SELECT r.trainee_id,",
            "SELECT r.version, r.trainee_id,");

    /** Where the rows' sealed fields (the email) come from, and the key of whose they are. */
    public static final String MEMBERS = "member_view";
    public static final String ID = "traineeId";

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

    /**
     * The ORDER BY clause for a checked sort parameter; ties go by trainee id in the same direction,
     * so pages are stable and an index on (organization, column, trainee) serves the sort read
     * forwards or backwards. Columns that may be null sort them last in either direction; the
     * indexes of migration V15 serve their descending order, the one dashboards open with.
     */
    public static String orderBy(String sort) {
        String[] order = sort.split(",");
        String direction = order[1].toUpperCase();
        String nulls = NEVER_NULL.contains(order[0]) ? "" : " NULLS LAST";
        return SORTABLE.get(order[0]) + " " + direction + nulls + ", r.trainee_id " + direction;
    }

    /** Whether a filter can leave rows of the organization out (the trainee's own id aside). */
    public boolean filtered() {
        return department != null || status != null || from != null || to != null || course != null;
    }

    public String where() {
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

    public DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
        for (Map.Entry<String, Object> parameter : parameters().entrySet()) {
            spec = spec.bind(parameter.getKey(), parameter.getValue());
        }
        return spec;
    }

    /** The values of the named parameters {@link #where()} uses. */
    public Map<String, Object> parameters() {
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

    public static Map<String, Object> row(io.r2dbc.spi.Readable row) {
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

    static Double rounded(Double value) {
        return value == null ? null : Math.round(value * 1000) / 1000.0;
    }
}
