package org.elearn.command.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V18 on a database that already holds members: a member is found at the address of their email
 * lookup row; an erased member (no lookup row) and an account that is nobody's member get no address.
 */
class MemberAddressMigrationTest {

    @Test
    void membersAreFoundAtTheAddressTheirLookupRowHolds() {
        PGSimpleDataSource dataSource = CommandMigrations.migratedBefore("18");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        UUID organization = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        UUID erased = UUID.randomUUID();
        UUID operator = UUID.randomUUID();
        jdbc.update("INSERT INTO member_directory (member_id, organization_id) VALUES (?, ?), (?, ?)",
                member, organization, erased, organization);
        jdbc.update("INSERT INTO email_lookup (email_hmac, user_id) VALUES (?, ?), (?, ?)",
                new byte[] {1, 2, 3}, member, new byte[] {4, 5, 6}, operator);

        CommandMigrations.migrate(dataSource);

        assertThat(jdbc.queryForList("SELECT member_id FROM member_address", UUID.class)).containsExactly(member);
        assertThat(jdbc.queryForObject("SELECT email_hmac FROM member_address WHERE organization_id = ?", byte[].class,
                organization)).containsExactly(1, 2, 3);
    }
}
