package org.elearn.command.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The members' activity as ingestion notes it, on a real PostgreSQL: to the hour, written once an hour. */
@CommandSideTest
class MemberActivityTest {

    @Autowired
    MemberActivity activity;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void activityIsNotedAsTheEndOfItsHourAndWrittenOnlyWhenThatMovesOn() {
        UUID ann = UUID.randomUUID();
        UUID ben = UUID.randomUUID();
        activity.noteActivity(sorted(ann, ben), Instant.parse("2026-03-02T10:20:05Z"));
        assertThat(noted(ann)).isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));
        String version = rowVersion(ann);

        // later in the same hour: nothing is written, the row is not even touched
        activity.noteActivity(sorted(ann, ben), Instant.parse("2026-03-02T10:59:59.999Z"));
        assertThat(rowVersion(ann)).isEqualTo(version);
        assertThat(noted(ann)).isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));

        // the next hour moves the bound on, for Ann only
        activity.noteActivity(new UUID[] {ann}, Instant.parse("2026-03-02T11:00:00Z"));
        assertThat(noted(ann)).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
        assertThat(rowVersion(ann)).isNotEqualTo(version);
        assertThat(noted(ben)).isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));

        // a statement stored out of order never moves the bound back
        activity.noteActivity(new UUID[] {ann}, Instant.parse("2026-03-01T08:00:00Z"));
        assertThat(noted(ann)).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
    }

    @Test
    void theBoundIsNeverBeforeTheActivity() {
        for (String at : new String[] {"2026-03-02T10:00:00Z", "2026-03-02T10:00:00.000001Z", "2026-03-02T10:59:59Z"}) {
            Instant instant = Instant.parse(at);
            assertThat(MemberActivity.activeUntil(instant)).isAfter(instant)
                    .isBeforeOrEqualTo(instant.plusSeconds(3600));
        }
    }

    private static UUID[] sorted(UUID a, UUID b) {
        return a.compareTo(b) < 0 ? new UUID[] {a, b} : new UUID[] {b, a};
    }

    private Instant noted(UUID member) {
        return jdbc.queryForObject("SELECT last_activity FROM member_activity WHERE member_id = ?",
                java.sql.Timestamp.class, member).toInstant();
    }

    /** The row version's physical place and transaction: changes whenever the row is written or locked. */
    private String rowVersion(UUID member) {
        return jdbc.queryForObject("SELECT ctid::text || '/' || xmin::text || '/' || xmax::text FROM member_activity"
                + " WHERE member_id = ?", String.class, member);
    }
}
