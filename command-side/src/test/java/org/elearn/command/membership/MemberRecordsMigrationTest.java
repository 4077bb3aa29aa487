package org.elearn.command.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V16 on a database that already holds members: one imported (whose record is keyed by their member
 * id) and one who joined only by invitation. Getting this wrong would send an imported member's
 * changes to a second, empty record.
 */
class MemberRecordsMigrationTest {

    @Test
    void membersImportedBeforeTheColumnAreRecognisedByTheirImportEvent() {
        PGSimpleDataSource dataSource = CommandMigrations.migratedBefore("16");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        UUID organization = UUID.randomUUID();
        UUID imported = UUID.randomUUID();
        UUID invited = UUID.randomUUID();
        jdbc.update("INSERT INTO member_directory (member_id, organization_id) VALUES (?, ?), (?, ?)",
                imported, organization, invited, organization);
        stored(jdbc, imported.toString(), "org.elearn.events.membership.MemberImported");
        stored(jdbc, UUID.randomUUID().toString(), "org.elearn.events.membership.InvitationAccepted");

        CommandMigrations.migrate(dataSource);

        assertThat(jdbc.queryForObject("SELECT imported FROM member_directory WHERE member_id = ?", Boolean.class,
                imported)).isTrue();
        assertThat(jdbc.queryForObject("SELECT imported FROM member_directory WHERE member_id = ?", Boolean.class,
                invited)).isFalse();
    }

    private static void stored(JdbcTemplate jdbc, String aggregateId, String payloadType) {
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, payload, payload_type, time_stamp,
                                                aggregate_identifier, sequence_number, type)
                VALUES (?, ?, ?, '2026-01-01T00:00:00Z', ?, 0, 'Member')""",
                UUID.randomUUID().toString(), "{}".getBytes(), payloadType, aggregateId);
    }
}
