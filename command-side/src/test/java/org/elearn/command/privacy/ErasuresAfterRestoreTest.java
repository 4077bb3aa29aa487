package org.elearn.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.elearn.command.identity.AccountStore;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.support.privacy.ErasureLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Erasures the database holds and the erasure log lacks (carried out before the log existed) are
 * copied into the log at start, so that a backup restored later cannot bring those subjects back.
 */
@CommandSideTest
class ErasuresAfterRestoreTest {

    @Autowired
    ErasuresAfterRestore atStart;
    @Autowired
    ErasureLog erasureLog;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AccountStore accounts;
    @Autowired
    EmailHasher emailHasher;

    @Test
    void fencesMadeBeforeTheLogAreCopiedIntoItOnceWithTheirTimeAndOrganization() throws Exception {
        UUID organization = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        accounts.reserveEmail(emailHasher.hash("before-the-log-" + member + "@example.com"), member);
        accounts.createCredentials(member, "{noop}irrelevant", List.of("TRAINEE"), organization);
        UUID agent = UUID.randomUUID(); // an xAPI agent: no account
        // as an erasure before the log existed left them: a fence, no line
        jdbc.update("INSERT INTO data_subject_erasure (subject_id) VALUES (?), (?)", member.toString(), agent.toString());
        Instant memberFence = jdbc.queryForObject("SELECT erased_at FROM data_subject_erasure WHERE subject_id = ?",
                java.sql.Timestamp.class, member.toString()).toInstant();
        assertThat(erasureLog.read()).doesNotContainKeys(member, agent);

        atStart.run(null);

        assertThat(erasureLog.read().get(member)).isEqualTo(new ErasureLog.Entry(member, organization, memberFence));
        assertThat(erasureLog.read().get(agent).organizationId()).isNull();

        atStart.run(null); // the next start adds nothing
        String log = Files.readString(erasureLog.file());
        assertThat(log.lines().filter(line -> line.contains(member.toString()))).hasSize(1);
        assertThat(log.lines().filter(line -> line.contains(agent.toString()))).hasSize(1);
    }
}
