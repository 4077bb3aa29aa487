package org.elearn.query.report.projection;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a learning-report projection writes: the live tables (whose changes are announced to every
 * instance through NOTIFY), the shadow tables a rebuild fills, or a temporary copy for a
 * point-in-time view. Names are fixed here, never taken from input.
 */
public enum ReportTables {

    LIVE("report_trainee", "report_enrolment", true),
    SHADOW("report_trainee_shadow", "report_enrolment_shadow", false),
    TEMPORARY("pg_temp.report_trainee_at", "pg_temp.report_enrolment_at", false);

    private final String trainee;
    private final String enrolment;
    private final boolean announced;

    ReportTables(String trainee, String enrolment, boolean announced) {
        this.trainee = trainee;
        this.enrolment = enrolment;
        this.announced = announced;
    }

    /** The table of one row per trainee. */
    public String trainee() {
        return trainee;
    }

    /** The table of one row per trainee and course. */
    public String enrolment() {
        return enrolment;
    }

    /** Whether changed rows are announced to every instance ({@link ReportChanges}). */
    boolean announced() {
        return announced;
    }

    /** Creates {@link #TEMPORARY} in this transaction's connection; dropped when it commits. */
    static void createTemporary(JdbcTemplate jdbc) {
        jdbc.execute("CREATE TEMPORARY TABLE report_trainee_at (LIKE report_trainee INCLUDING ALL) ON COMMIT DROP");
        jdbc.execute("CREATE TEMPORARY TABLE report_enrolment_at (LIKE report_enrolment INCLUDING ALL) ON COMMIT DROP");
    }
}
