package org.elearn.query.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elearn.query.projection.ProjectionTests.at;
import static org.elearn.query.projection.ProjectionTests.count;
import static org.elearn.query.projection.ProjectionTests.fence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.InvitedRole;
import org.elearn.events.membership.MemberDeactivated;
import org.elearn.events.membership.MemberDetailsChanged;
import org.elearn.events.membership.MemberEdited;
import org.elearn.events.membership.MemberImported;
import org.elearn.events.membership.MemberReactivated;
import org.elearn.events.membership.OwnProfileEdited;
import org.elearn.events.rights.AccountCancellationRequested;
import org.elearn.events.rights.AccountCancellationWithdrawn;
import org.elearn.query.sealing.ProjectionCipher;
import org.elearn.query.sealing.TestCiphers;
import org.elearn.query.projection.ProjectionTests;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The member projection's handlers, called directly, on a real PostgreSQL. */
class MemberProjectionTest {

    private static final JdbcTemplate JDBC = ProjectionTests.migratedDatabase();
    private static final ProjectionCipher CIPHER = TestCiphers.cipher(TestCiphers.vault(JDBC));
    private static final Instant JOINED = Instant.parse("2026-03-02T09:00:00Z");

    private final MemberProjection projection = new MemberProjection(JDBC, CIPHER);
    private final UUID member = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();

    private void imported(long globalIndex) {
        projection.on(new MemberImported(member, organization, "Ada Lovelace", "ada@example.com", "+44 20 7946 0001",
                "Engineering"), JOINED, at(globalIndex));
    }

    private Map<String, Object> row() {
        return CIPHER.openColumns("member_view", member,
                JDBC.queryForMap("SELECT * FROM member_view WHERE member_id = ?", member));
    }

    @Test
    void anImportedMemberIsAnActiveTraineeWithTheirDetailsSealed() {
        imported(10);

        assertThat(row()).containsEntry("name", "Ada Lovelace").containsEntry("email", "ada@example.com")
                .containsEntry("phone", "+44 20 7946 0001").containsEntry("department", "Engineering")
                .containsEntry("role", "TRAINEE").containsEntry("status", "ACTIVE")
                .containsEntry("joined_at", Timestamp.from(JOINED)).containsEntry("last_global_index", 10L);
        assertThat((String) JDBC.queryForObject("SELECT email FROM member_view WHERE member_id = ?", String.class,
                member)).doesNotContain("ada@");
        assertThat(count(JDBC, "member_view", "email_index = ?", (Object) CIPHER.emailIndex("ada@example.com")))
                .isEqualTo(1);
    }

    @Test
    void anInvitationMakesAMemberOfTheInvitedRoleAndNamesAnImportedOne() {
        projection.on(new InvitationAccepted(UUID.randomUUID(), member, organization, "Grace Hopper",
                "grace@example.com", InvitedRole.INSTRUCTOR), JOINED, at(10));
        assertThat(row()).containsEntry("role", "INSTRUCTOR").containsEntry("name", "Grace Hopper");

        UUID imported = UUID.randomUUID();
        projection.on(new MemberImported(imported, organization, "Imported Name", "i@example.com", null, "Ops"),
                JOINED, at(11));
        projection.on(new InvitationAccepted(UUID.randomUUID(), imported, organization, "Chosen Name",
                "i@example.com", InvitedRole.TRAINEE), JOINED, at(12));

        assertThat(JDBC.queryForMap("SELECT name, role FROM member_view WHERE member_id = ?", imported))
                .containsEntry("name", "Chosen Name").containsEntry("role", "TRAINEE");
    }

    @Test
    void editsDeactivationAndCancellationChangeTheRow() {
        Instant due = Instant.parse("2026-04-01T00:00:00Z");
        imported(10);
        projection.on(new MemberDetailsChanged(member, organization, "Ada King", "+44 20 7946 0002", "Research"),
                at(11));
        projection.on(new MemberEdited(member, organization, "Countess", "f", "E-7", "ada.king@example.com", "Lead",
                LocalDate.of(2026, 1, 5), "Research"), at(12));
        projection.on(new OwnProfileEdited(member, organization, "Ada", "f"), at(13));
        projection.on(new MemberDeactivated(member, organization), at(14));
        projection.on(new AccountCancellationRequested(UUID.randomUUID(), member, organization, JOINED, due), at(15));

        assertThat(row()).containsEntry("name", "Ada King").containsEntry("phone", "+44 20 7946 0002")
                .containsEntry("nickname", "Ada").containsEntry("employee_id", "E-7")
                .containsEntry("email", "ada.king@example.com").containsEntry("status", "DEACTIVATED")
                .containsEntry("erasure_due_at", Timestamp.from(due)).containsEntry("last_global_index", 15L);

        projection.on(new MemberReactivated(member, organization), at(16));
        projection.on(new AccountCancellationWithdrawn(UUID.randomUUID(), member, organization, JOINED), at(17));

        assertThat(row()).containsEntry("status", "ACTIVE").containsEntry("erasure_due_at", null);
    }

    @Test
    void eventsDeliveredAgainChangeNothing() {
        imported(10);
        projection.on(new MemberDeactivated(member, organization), at(12));
        String version = JDBC.queryForObject("SELECT xmin::text FROM member_view WHERE member_id = ?", String.class,
                member);

        imported(10);
        projection.on(new MemberDetailsChanged(member, organization, "Old Name", null, "Old"), at(11));
        projection.on(new MemberDeactivated(member, organization), at(12));

        // xmin changes whenever PostgreSQL rewrites a row, even with the same values
        assertThat(JDBC.queryForObject("SELECT xmin::text FROM member_view WHERE member_id = ?", String.class,
                member)).isEqualTo(version);
        assertThat(row()).containsEntry("name", "Ada Lovelace");
    }

    @Test
    void erasureDeletesTheRowAndAFencedMemberGetsNoneAgain() {
        imported(10);

        projection.erase(member);
        fence(JDBC, member);
        imported(10);
        projection.on(new InvitationAccepted(UUID.randomUUID(), member, organization, "Ada", "ada@example.com",
                InvitedRole.TRAINEE), JOINED, at(11));

        assertThat(count(JDBC, "member_view", "member_id = ?", member)).isZero();
        assertThat(projection.clearPersonalDataTables()).containsExactly("member_view");
    }

    @Test
    void aResetEmptiesTheTable() {
        imported(10);

        ProjectionTests.resetAsAxonDoes(projection);

        assertThat(count(JDBC, "member_view", "true")).isZero();
    }
}
