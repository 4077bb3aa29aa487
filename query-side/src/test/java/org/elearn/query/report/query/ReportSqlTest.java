package org.elearn.query.report.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elearn.query.report.projection.ReportTables;
import org.junit.jupiter.api.Test;

/**
 * The learning report's SQL for each variant: live or past tables, each filter, pages and sorts,
 * totals, streams, the change feed and the legal hold. Every value is a bound parameter (each
 * named parameter of a statement has its value, and no value is written into the SQL). What the
 * statements return is covered against PostgreSQL by the report's end-to-end tests.
 */
class ReportSqlTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID TRAINEE = UUID.randomUUID();
    private static final UUID COURSE = UUID.randomUUID();
    /** A department that would break out of a string written into the SQL. */
    private static final String DEPARTMENT = "Sales' OR '1'='1";

    private static final String COLUMNS = "r.trainee_id, m.name, m.email, r.department, r.status, r.learning_millis,"
            + " r.courses_enrolled, r.courses_started, r.courses_completed, r.exams_taken, r.exams_passed,"
            + " r.last_activity, r.courses_completed::float8 / nullif(r.courses_enrolled, 0) AS completion_rate,"
            + " r.exams_passed::float8 / nullif(r.exams_taken, 0) AS exam_pass_rate";
    private static final String MEMBER = " member_view m ON m.member_id = r.trainee_id"
            + " AND m.organization_id = r.organization_id"
            + " AND NOT EXISTS (SELECT 1 FROM data_subject_erasure WHERE subject_id = m.member_id::text)";
    private static final String VISIBLE = " WHERE r.organization_id = :org AND NOT r.erased AND NOT r.restricted";

    private static ReportQuery everyone() {
        return new ReportQuery(ORG, null, null, null, null, null, null);
    }

    private static ReportQuery everyFilter() {
        return new ReportQuery(ORG, DEPARTMENT, COURSE, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31),
                "ACTIVE", TRAINEE);
    }

    /** Each named parameter of the SQL has a value, each value a parameter, and no value is in the text. */
    private static ReportSql.Statement bound(ReportSql.Statement statement) {
        Set<String> named = new LinkedHashSet<>();
        Matcher matcher = Pattern.compile("(?<!:):(\\w+)").matcher(statement.sql());
        while (matcher.find()) {
            named.add(matcher.group(1));
        }
        assertThat(statement.parameters().keySet()).as(statement.sql()).isEqualTo(named);
        assertThat(statement.sql()).doesNotContain(DEPARTMENT).doesNotContain("Sales").doesNotContain(ORG.toString())
                .doesNotContain(TRAINEE.toString()).doesNotContain(COURSE.toString()).doesNotContain("2026");
        return statement;
    }

    @Test
    void aPageSortedByNameJoinsTheMembersFirst() {
        ReportSql.Statement page = bound(ReportSql.live(everyone()).page("name,asc", 2, 50));
        assertThat(page.sql()).isEqualTo("SELECT " + COLUMNS + " FROM report_trainee r JOIN" + MEMBER + VISIBLE
                + " ORDER BY m.name ASC, r.trainee_id ASC LIMIT :limit OFFSET :offset");
        assertThat(page.parameters()).containsEntry("org", ORG).containsEntry("limit", 50).containsEntry("offset", 100L);
    }

    @Test
    void aLivePageSortedByAReportColumnIsCutFromTheReportRowsBeforeTheJoin() {
        ReportSql.Statement page = bound(ReportSql.live(everyone()).page("completionRate,desc", 0, 20));
        String order = " ORDER BY r.courses_completed::float8 / nullif(r.courses_enrolled, 0) DESC NULLS LAST,"
                + " r.trainee_id DESC";
        assertThat(page.sql()).isEqualTo("SELECT " + COLUMNS + " FROM (SELECT r.* FROM report_trainee r" + VISIBLE
                + order + " LIMIT :limit OFFSET :offset) r JOIN" + MEMBER + order);
    }

    @Test
    void columnsThatAreNeverNullSortWithoutNullsLast() {
        assertThat(ReportSql.live(everyone()).sorted("learningSeconds,desc").sql())
                .endsWith(" ORDER BY r.learning_millis DESC, r.trainee_id DESC");
        assertThat(ReportSql.live(everyone()).sorted("lastActivity,asc").sql())
                .endsWith(" ORDER BY r.last_activity ASC NULLS LAST, r.trainee_id ASC");
    }

    @Test
    void eachFilterIsAConditionWithABoundValue() {
        ReportSql.Statement page = bound(ReportSql.live(everyFilter()).page("name,asc", 0, 50));
        assertThat(page.sql()).contains(VISIBLE + " AND r.trainee_id = :me AND r.department = :department"
                + " AND r.status = :status AND EXISTS (SELECT 1 FROM report_enrolment e WHERE e.trainee_id = r.trainee_id"
                + " AND e.course_id = :course AND e.enrolled) AND r.last_activity >= :from AND r.last_activity < :to");
        assertThat(page.parameters()).containsEntry("me", TRAINEE).containsEntry("department", DEPARTMENT)
                .containsEntry("status", "ACTIVE").containsEntry("course", COURSE)
                .containsEntry("from", OffsetDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC))
                .containsEntry("to", OffsetDateTime.of(2026, 4, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void onlyTheDepartmentFilterAddsOnlyItsCondition() {
        ReportSql.Statement rows = bound(ReportSql.live(new ReportQuery(ORG, DEPARTMENT, null, null, null, null, null))
                .sorted("name,asc"));
        assertThat(rows.sql()).contains(VISIBLE + " AND r.department = :department ORDER BY")
                .doesNotContain(":status").doesNotContain(":course").doesNotContain(":me");
        assertThat(rows.parameters()).containsOnlyKeys("org", "department");
    }

    @Test
    void aPastStateReadsTheTemporaryTablesAndJoinsBeforeItCuts() {
        ReportSql past = ReportSql.in(ReportTables.TEMPORARY, everyFilter());
        ReportSql.Statement page = bound(past.page("completionRate,desc", 1, 10));
        assertThat(page.sql()).startsWith("SELECT " + COLUMNS + " FROM pg_temp.report_trainee_at r JOIN" + MEMBER)
                .contains("EXISTS (SELECT 1 FROM pg_temp.report_enrolment_at e WHERE")
                .doesNotContain("report_trainee r").doesNotContain("report_enrolment e").doesNotContain("SELECT r.*");
        assertThat(page.parameters()).containsEntry("limit", 10).containsEntry("offset", 10L);
        ReportSql.Statement total = bound(past.total());
        assertThat(total.sql()).startsWith("SELECT count(*) AS total FROM pg_temp.report_trainee_at r JOIN" + MEMBER
                        + VISIBLE)
                .contains("pg_temp.report_enrolment_at e");
    }

    @Test
    void theLiveTotalCountsTheReportsOwnRows() {
        ReportSql.Statement total = bound(ReportSql.live(everyone()).total());
        assertThat(total.sql()).isEqualTo("SELECT count(*) AS total FROM report_trainee r" + VISIBLE);
        assertThat(total.parameters()).containsOnlyKeys("org");
    }

    @Test
    void aStreamReadsPagesInVersionOrderAfterTheLastRow() {
        ReportSql sql = ReportSql.live(everyone());
        ReportSql.Statement first = bound(sql.versions(null, 250));
        assertThat(first.sql()).isEqualTo("SELECT r.version, " + COLUMNS + " FROM report_trainee r JOIN" + MEMBER
                + VISIBLE + " ORDER BY r.version, r.trainee_id LIMIT :limit");
        assertThat(first.parameters()).containsEntry("limit", 250);
        ReportSql.Statement next = bound(sql.versions(new ReportSql.After(42, TRAINEE), 250));
        assertThat(next.sql()).endsWith(VISIBLE + " AND (r.version, r.trainee_id) > (:afterVersion, :afterTrainee)"
                + " ORDER BY r.version, r.trainee_id LIMIT :limit");
        assertThat(next.parameters()).containsEntry("afterVersion", 42L).containsEntry("afterTrainee", TRAINEE);
    }

    @Test
    void aStreamRereadsChangedTraineesThroughItsFilters() {
        UUID other = UUID.randomUUID();
        ReportSql.Statement rows = bound(ReportSql.live(everyFilter()).versionsOf(List.of(TRAINEE, other)));
        assertThat(rows.sql()).startsWith("SELECT r.version, " + COLUMNS)
                .endsWith(" AND r.last_activity < :to AND r.trainee_id = ANY(:ids) ORDER BY r.version");
        assertThat((UUID[]) rows.parameters().get("ids")).containsExactly(TRAINEE, other);
    }

    @Test
    void aResumedStreamReadsEveryChangedRowAndWhetherItStillMatches() {
        ReportSql.Statement changed = bound(ReportSql.live(new ReportQuery(ORG, DEPARTMENT, null, null, null, null,
                TRAINEE)).changedSince(7, new ReportSql.After(9, TRAINEE), 100));
        assertThat(changed.sql()).isEqualTo("SELECT (m.member_id IS NOT NULL AND r.organization_id = :org AND NOT r.erased"
                + " AND NOT r.restricted AND r.trainee_id = :me AND r.department = :department) AS matches, r.version, "
                + COLUMNS + " FROM report_trainee r LEFT JOIN" + MEMBER
                + " WHERE r.organization_id = :org AND r.version > :since AND r.trainee_id = :me"
                + " AND (r.version, r.trainee_id) > (:afterVersion, :afterTrainee) ORDER BY r.version, r.trainee_id"
                + " LIMIT :limit");
        assertThat(changed.parameters()).containsEntry("since", 7L).containsEntry("limit", 100);
        assertThat(bound(ReportSql.live(everyone()).changedSince(7, null, 100)).sql())
                .contains(" WHERE r.organization_id = :org AND r.version > :since ORDER BY");
    }

    @Test
    void theFeedReadsChangedRowsOfEveryOrganizationHiddenOnesToo() {
        ReportSql.Statement feed = bound(ReportSql.changed(Set.of(TRAINEE)));
        assertThat(feed.sql()).isEqualTo("SELECT r.organization_id, r.erased OR r.restricted AS hidden, r.version, "
                + COLUMNS + " FROM report_trainee r JOIN" + MEMBER + " WHERE r.trainee_id = ANY(:ids)");
        assertThat((UUID[]) feed.parameters().get("ids")).containsExactly(TRAINEE);
    }

    @Test
    void theLegalHoldPagesRestrictedRowsOfEveryOrganization() {
        ReportSql.Statement held = bound(ReportSql.restricted(3, 25));
        assertThat(held.sql()).isEqualTo("SELECT r.organization_id, " + COLUMNS + " FROM report_trainee r JOIN" + MEMBER
                + " WHERE r.restricted AND NOT r.erased ORDER BY r.organization_id, m.name, r.trainee_id"
                + " LIMIT :limit OFFSET :offset");
        assertThat(held.parameters()).containsEntry("limit", 25).containsEntry("offset", 75L);
    }

    @Test
    void aSortOutsideTheListIsRefused() {
        assertThatThrownBy(() -> ReportSql.live(everyone()).sorted("email,asc"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportSql.live(everyone()).sorted("name,sideways"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat("name,asc").matches(ReportQuery.SORT);
        assertThat("email,asc").doesNotMatch(ReportQuery.SORT);
    }
}
