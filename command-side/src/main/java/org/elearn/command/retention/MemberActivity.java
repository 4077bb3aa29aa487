package org.elearn.command.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** When each member was last active, for the inactivity rule; written by ingestion. */
@Component
public class MemberActivity {

    private final JdbcTemplate jdbc;

    MemberActivity(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Notes that these members were active at {@code at}, in the caller's transaction, in one
     * statement. Give the ids sorted, so that concurrent batches lock rows in the same order.
     */
    public void noteActivity(UUID[] members, Instant at) {
        jdbc.update("INSERT INTO member_activity (member_id, last_activity) SELECT m, ? FROM unnest(?::uuid[]) AS m"
                + " ON CONFLICT (member_id) DO UPDATE SET last_activity ="
                + " GREATEST(member_activity.last_activity, EXCLUDED.last_activity)", Timestamp.from(at), members);
    }
}
