package org.elearn.query.activity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.query.consistency.CheckedProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code learning_activity}'s totals per organization, for the consistency check; erased members count for nobody. */
@Component
class ActivityTotals implements CheckedProjection {

    private static final List<String> NAMES = List.of("members", "statements", "learningMillis");
    private static final String REPLAYED = "pg_temp.learning_activity_at";

    @Override
    public String processingGroup() {
        return "learning-activity";
    }

    @Override
    public List<String> totalNames() {
        return NAMES;
    }

    @Override
    public Object replayInto(JdbcTemplate jdbc) {
        jdbc.execute("CREATE TEMPORARY TABLE learning_activity_at (LIKE " + LearningActivityProjection.TABLE
                + " INCLUDING ALL) ON COMMIT DROP");
        return new LearningActivityProjection(jdbc, REPLAYED);
    }

    @Override
    public Map<UUID, long[]> totals(JdbcTemplate jdbc, boolean replayed, UUID organization) {
        Map<UUID, long[]> totals = new HashMap<>();
        jdbc.query("SELECT organization_id, count(*), coalesce(sum(statements), 0), coalesce(sum(learning_millis), 0)"
                + " FROM " + (replayed ? REPLAYED : LearningActivityProjection.TABLE)
                + " WHERE ?::uuid IS NULL OR organization_id = ?::uuid GROUP BY organization_id",
                rs -> {
                    totals.put(rs.getObject(1, UUID.class),
                            new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }, organization, organization);
        return totals;
    }
}
