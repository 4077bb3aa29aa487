package org.elearn.query.report.projection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.query.consistency.CheckedProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The learning report's totals per organization, for the consistency check; erased trainees keep counting. */
@Component
class ReportTotals implements CheckedProjection {

    private static final List<String> NAMES = List.of("trainees", "learningMillis", "coursesEnrolled",
            "coursesStarted", "coursesCompleted", "examsTaken", "examsPassed");

    @Override
    public String processingGroup() {
        return "learning-report";
    }

    @Override
    public List<String> totalNames() {
        return NAMES;
    }

    @Override
    public Object replayInto(JdbcTemplate jdbc) {
        return LearningReportProjection.intoTemporaryTables(jdbc);
    }

    @Override
    public Map<UUID, long[]> totals(JdbcTemplate jdbc, boolean replayed, UUID organization) {
        String table = (replayed ? ReportTables.TEMPORARY : ReportTables.LIVE).trainee();
        Map<UUID, long[]> totals = new HashMap<>();
        jdbc.query("SELECT organization_id, count(*), coalesce(sum(learning_millis), 0), coalesce(sum(courses_enrolled), 0),"
                + " coalesce(sum(courses_started), 0), coalesce(sum(courses_completed), 0),"
                + " coalesce(sum(exams_taken), 0), coalesce(sum(exams_passed), 0) FROM " + table
                + " WHERE ?::uuid IS NULL OR organization_id = ?::uuid GROUP BY organization_id", rs -> {
                    long[] row = new long[NAMES.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getLong(i + 2);
                    }
                    totals.put(rs.getObject(1, UUID.class), row);
                }, organization, organization);
        return totals;
    }
}
