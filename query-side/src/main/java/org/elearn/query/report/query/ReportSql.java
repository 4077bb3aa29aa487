package org.elearn.query.report.query;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.elearn.query.projection.Projection;
import org.elearn.query.report.projection.ReportTables;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The learning report's SQL, built from its parameters: which tables it reads (the live ones, or a
 * past state's temporary copy), the filters of a {@link ReportQuery}, the sort and the page, and what
 * a stream reads besides the row (its version, whether it still matches, whether it is hidden).
 * Every value is a bound parameter. The only text put together is fixed here: the columns, the sort
 * expressions of a fixed list, the table names of {@link ReportTables}, and a condition for each
 * filter that is set.
 */
public record ReportSql(ReportQuery query, ReportTables tables) {

    /** Where the rows' sealed field (the email) comes from. */
    public static final String MEMBERS = "member_view";

    /** The rates as expressions, the same text the indexes of migration V15 are built on. */
    private static final String COMPLETION_RATE = "r.courses_completed::float8 / nullif(r.courses_enrolled, 0)";
    private static final String EXAM_PASS_RATE = "r.exams_passed::float8 / nullif(r.exams_taken, 0)";

    /** A report row: what {@link #row} reads. */
    private static final String COLUMNS = "r.trainee_id, m.name, m.email, r.department, r.status, r.learning_millis,"
            + " r.courses_enrolled, r.courses_started, r.courses_completed, r.exams_taken, r.exams_passed,"
            + " r.last_activity, " + COMPLETION_RATE + " AS completion_rate, " + EXAM_PASS_RATE + " AS exam_pass_rate";
    /**
     * The member of a report row, in the row's organization (names and emails live there), unless
     * their erasure has committed: until the projections have deleted the rows, the name is still
     * clear in {@code member_view}, and no read may show it.
     */
    private static final String MEMBER = " member_view m ON m.member_id = r.trainee_id"
            + " AND m.organization_id = r.organization_id AND " + Projection.notFenced("m.member_id::text");

    /** No email: it is sealed at rest (docs/privacy.md), so SQL cannot sort on it. */
    private static final Map<String, String> SORTABLE = Map.of("name", "m.name",
            "department", "r.department", "learningSeconds", "r.learning_millis",
            "coursesCompleted", "r.courses_completed", "completionRate", COMPLETION_RATE,
            "examPassRate", EXAM_PASS_RATE, "lastActivity", "r.last_activity");
    private static final Set<String> NEVER_NULL = Set.of("name", "learningSeconds", "coursesCompleted");
    private static final Set<String> MEMBER_SORTS = Set.of("name");

    /** A statement and the values of its named parameters. */
    public record Statement(String sql, Map<String, Object> parameters) {

        public Statement {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        /** The statement on {@code db}, every parameter bound. */
        public DatabaseClient.GenericExecuteSpec on(DatabaseClient db) {
            DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
            for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
                spec = spec.bind(parameter.getKey(), parameter.getValue());
            }
            return spec;
        }
    }

    /** Where a stream's page of rows in version order ends: the next page starts after it. */
    public record After(long version, UUID trainee) {
    }

    /** The rows of {@code query} in the live report. */
    public static ReportSql live(ReportQuery query) {
        return new ReportSql(query, ReportTables.LIVE);
    }

    /** The rows of {@code query} in {@code tables}: a past state's temporary copy, say. */
    public static ReportSql in(ReportTables tables, ReportQuery query) {
        return new ReportSql(query, tables);
    }

    // ---- pages and exports --------------------------------------------------------------------

    /**
     * One page. Sorted by name, the members are read in index order and their report rows looked
     * up. Sorted by a report column, the live page is cut from the report rows first and only its
     * rows are joined to their members: the join is never done for a whole organization. (A member
     * whose view is still catching up is missing from such a page for that moment, as it is from
     * the others.) A past state joins first: its rows include trainees erased since, whose members
     * are gone, and cutting first would leave holes in its pages.
     */
    public Statement page(String sort, int page, int size) {
        Map<String, Object> parameters = parameters();
        parameters.put("limit", size);
        parameters.put("offset", (long) page * size);
        String order = " ORDER BY " + orderBy(sort);
        String limit = order + " LIMIT :limit OFFSET :offset";
        if (tables != ReportTables.LIVE || MEMBER_SORTS.contains(sort.split(",")[0])) {
            return new Statement(select(tables, "", "JOIN") + where() + limit, parameters);
        }
        return new Statement("SELECT " + COLUMNS + " FROM (SELECT r.* FROM " + tables.trainee() + " r" + where() + limit
                + ") r JOIN" + MEMBER + order, parameters);
    }

    /**
     * How many rows the filters let through. The live report counts its own rows, so a member
     * view still catching up does not make the count scan both tables; a past state counts the
     * rows that have a member today, as its pages show.
     */
    public Statement total() {
        String from = tables == ReportTables.LIVE ? tables.trainee() + " r"
                : tables.trainee() + " r JOIN" + MEMBER;
        return new Statement("SELECT count(*) AS total FROM " + from + where(), parameters());
    }

    /** Every row the filters let through, sorted: an export. */
    public Statement sorted(String sort) {
        return new Statement(select(tables, "", "JOIN") + where() + " ORDER BY " + orderBy(sort), parameters());
    }

    // ---- streams ------------------------------------------------------------------------------

    /** The rows the filters let through with their versions, at most {@code rows} in version order after {@code after}. */
    public Statement versions(After after, int rows) {
        Map<String, Object> parameters = parameters();
        return new Statement(select(tables, "r.version, ", "JOIN") + where() + pageAfter(after, rows, parameters),
                parameters);
    }

    /** The rows of {@code trainees} the filters let through, with their versions, in version order. */
    public Statement versionsOf(Collection<UUID> trainees) {
        Map<String, Object> parameters = parameters();
        parameters.put("ids", trainees.toArray(UUID[]::new));
        return new Statement(select(tables, "r.version, ", "JOIN") + where() + " AND r.trainee_id = ANY(:ids)"
                + " ORDER BY r.version", parameters);
    }

    /**
     * Every row of the organization (or the trainee's own) changed after version {@code since},
     * whether or not its member is still there, each saying whether it {@code matches} the
     * filters; at most {@code rows} in version order after {@code after}.
     */
    public Statement changedSince(long since, After after, int rows) {
        Map<String, Object> parameters = parameters();
        parameters.put("since", since);
        String matches = "(m.member_id IS NOT NULL AND " + String.join(" AND ", conditions()) + ") AS matches, ";
        String sql = select(tables, matches + "r.version, ", "LEFT JOIN")
                + " WHERE r.organization_id = :org AND r.version > :since"
                + (query.onlyTrainee() == null ? "" : " AND r.trainee_id = :me")
                + pageAfter(after, rows, parameters);
        return new Statement(sql, parameters);
    }

    /**
     * The live rows of {@code trainees} in every organization, erased and restricted ones too, each
     * with its organization and whether it is {@code hidden} from named reports: what the change
     * feed reads for every stream at once.
     */
    public static Statement changed(Collection<UUID> trainees) {
        return new Statement(select(ReportTables.LIVE, "r.organization_id, r.erased OR r.restricted AS hidden, r.version, ",
                "JOIN")
                + " WHERE r.trainee_id = ANY(:ids)", Map.of("ids", trainees.toArray(UUID[]::new)));
    }

    // ---- operators ----------------------------------------------------------------------------

    /** One page of the rows of trainees whose processing is restricted, in every organization, with their organization. */
    public static Statement restricted(int page, int size) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("limit", size);
        parameters.put("offset", (long) page * size);
        return new Statement(select(ReportTables.LIVE, "r.organization_id, ", "JOIN")
                + " WHERE r.restricted AND NOT r.erased ORDER BY r.organization_id, m.name, r.trainee_id"
                + " LIMIT :limit OFFSET :offset", parameters);
    }

    // ---- the parts ----------------------------------------------------------------------------

    /** A report row, after {@code leading} columns, with its member joined by {@code join}. */
    private static String select(ReportTables tables, String leading, String join) {
        return "SELECT " + leading + COLUMNS + " FROM " + tables.trainee() + " r " + join + MEMBER;
    }

    /** The visible rows of the organization that the filters let through. */
    private String where() {
        return " WHERE " + String.join(" AND ", conditions());
    }

    /** One condition for each parameter of {@link #parameters()}, besides the visibility of the row. */
    private List<String> conditions() {
        List<String> conditions = new ArrayList<>(List.of("r.organization_id = :org", "NOT r.erased",
                "NOT r.restricted"));
        if (query.onlyTrainee() != null) {
            conditions.add("r.trainee_id = :me");
        }
        if (query.department() != null) {
            conditions.add("r.department = :department");
        }
        if (query.status() != null) {
            conditions.add("r.status = :status");
        }
        if (query.course() != null) {
            conditions.add("EXISTS (SELECT 1 FROM " + tables.enrolment() + " e WHERE e.trainee_id = r.trainee_id"
                    + " AND e.course_id = :course AND e.enrolled)");
        }
        if (query.from() != null) {
            conditions.add("r.last_activity >= :from");
        }
        if (query.to() != null) {
            conditions.add("r.last_activity < :to");
        }
        return conditions;
    }

    /** The values of the named parameters of {@link #conditions()}; a new map, for a statement to add its own. */
    private Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("org", query.organization());
        if (query.onlyTrainee() != null) {
            parameters.put("me", query.onlyTrainee());
        }
        if (query.department() != null) {
            parameters.put("department", query.department());
        }
        if (query.status() != null) {
            parameters.put("status", query.status());
        }
        if (query.course() != null) {
            parameters.put("course", query.course());
        }
        if (query.from() != null) {
            parameters.put("from", query.from().atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (query.to() != null) {
            parameters.put("to", query.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        return parameters;
    }

    /** The rest of a page in version order: after {@code after} (unless null), at most {@code rows}. */
    private static String pageAfter(After after, int rows, Map<String, Object> parameters) {
        String sql = "";
        if (after != null) {
            sql = " AND (r.version, r.trainee_id) > (:afterVersion, :afterTrainee)";
            parameters.put("afterVersion", after.version());
            parameters.put("afterTrainee", after.trainee());
        }
        parameters.put("limit", rows);
        return sql + " ORDER BY r.version, r.trainee_id LIMIT :limit";
    }

    /**
     * The ORDER BY clause for a checked sort parameter ({@link ReportQuery#SORT}); ties go by
     * trainee id in the same direction, so pages are stable and an index on (organization, column,
     * trainee) serves the sort read forwards or backwards. Columns that may be null sort them last
     * in either direction; the indexes of migration V15 serve their descending order, the one
     * dashboards open with.
     */
    private static String orderBy(String sort) {
        String[] order = sort.split(",");
        String column = SORTABLE.get(order[0]);
        if (column == null || !order[1].matches("asc|desc")) {
            throw new IllegalArgumentException("not a sort of the learning report: " + sort);
        }
        String direction = order[1].toUpperCase();
        String nulls = NEVER_NULL.contains(order[0]) ? "" : " NULLS LAST";
        return column + " " + direction + nulls + ", r.trainee_id " + direction;
    }

    /** A row of the report as the API shows it, its email still sealed, from a result of these statements. */
    public static ReportRow row(io.r2dbc.spi.Readable row) {
        OffsetDateTime last = row.get("last_activity", OffsetDateTime.class);
        return new ReportRow(row.get("trainee_id", UUID.class), row.get("name", String.class),
                row.get("email", String.class), row.get("department", String.class), row.get("status", String.class),
                row.get("learning_millis", Long.class) / 1000, row.get("courses_enrolled", Integer.class),
                row.get("courses_started", Integer.class), row.get("courses_completed", Integer.class),
                rounded(row.get("completion_rate", Double.class)), row.get("exams_taken", Integer.class),
                rounded(row.get("exam_pass_rate", Double.class)), last == null ? null : last.toInstant());
    }

    /** A rate or an average to three decimals. */
    static Double rounded(Double value) {
        return value == null ? null : Math.round(value * 1000) / 1000.0;
    }
}
