package org.elearn.query.consistency;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A projection that keeps totals per organization, which the {@link ConsistencyCheck} recomputes
 * from the event store and compares with its live rows.
 */
public interface CheckedProjection {

    /** The projection's processing group, which also names it in the check's answer. */
    String processingGroup();

    /** The names of the totals it keeps, in the order {@link #totals} gives them. */
    List<String> totalNames();

    /**
     * Creates this transaction's scratch tables (temporary, dropped at commit) and answers the
     * projection's own event handler writing into them: the history is applied by the same code as
     * the live rows, so the check compares counting, not two ways of deriving a figure.
     */
    Object replayInto(JdbcTemplate jdbc);

    /**
     * Totals per organization of the live rows, or of the scratch tables after a replay.
     *
     * @param organization one organization, or null for all
     */
    Map<UUID, long[]> totals(JdbcTemplate jdbc, boolean replayed, UUID organization);
}
