package org.elearn.command.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When each member was last active, for the inactivity rule; written by ingestion.
 *
 * <p>Kept to the hour, as an upper bound: a statement at 10:20 notes the member active until
 * 11:00. A member who sends statements all day costs one write per hour instead of one per
 * batch: later statements of the same hour find the row already at that bound and write nothing
 * (the row is not even locked), which on the ingestion's path was as dear in PostgreSQL as the
 * statement ledger's own insert. The inactivity period therefore counts from the end of the hour
 * of the latest statement: never before it, at most an hour after it, so a member is never due
 * for erasure early.
 */
@Component
public class MemberActivity {

    private final JdbcTemplate jdbc;

    MemberActivity(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The bound noted for activity at {@code at}: the end of its hour. */
    static Instant activeUntil(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    }

    /**
     * Notes that these members were active at {@code at}, in the caller's transaction, in one
     * statement that writes only the members whose noted bound is earlier. Give the ids sorted, so
     * that concurrent batches lock rows in the same order.
     */
    public void noteActivity(UUID[] members, Instant at) {
        Timestamp until = Timestamp.from(activeUntil(at));
        jdbc.update("INSERT INTO member_activity (member_id, last_activity) SELECT m, ? FROM unnest(?::uuid[]) AS m"
                + " WHERE NOT EXISTS (SELECT 1 FROM member_activity a WHERE a.member_id = m AND a.last_activity >= ?)"
                + " ON CONFLICT (member_id) DO UPDATE SET last_activity ="
                + " GREATEST(member_activity.last_activity, EXCLUDED.last_activity)", until, members, until);
    }
}
