package org.elearn.query.report;

/**
 * Where a learning-report projection writes: the live tables (whose changes are announced to every
 * instance through NOTIFY), the shadow tables a rebuild fills, or a temporary copy for a
 * point-in-time view. Names are fixed here, never taken from input.
 */
record ReportTables(String trainee, String enrolment, boolean announced) {

    static final ReportTables LIVE = new ReportTables("report_trainee", "report_enrolment", true);
    static final ReportTables SHADOW = new ReportTables("report_trainee_shadow", "report_enrolment_shadow", false);
    static final ReportTables TEMPORARY = new ReportTables("pg_temp.report_trainee_at", "pg_temp.report_enrolment_at",
            false);

    /** Creates {@link #TEMPORARY} in this transaction's connection; dropped when it commits. */
    static void createTemporary(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        jdbc.execute("CREATE TEMPORARY TABLE report_trainee_at (LIKE report_trainee INCLUDING ALL) ON COMMIT DROP");
        jdbc.execute("CREATE TEMPORARY TABLE report_enrolment_at (LIKE report_enrolment INCLUDING ALL) ON COMMIT DROP");
    }
}
