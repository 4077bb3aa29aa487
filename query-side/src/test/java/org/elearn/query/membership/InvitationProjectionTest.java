package org.elearn.query.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elearn.query.projection.ProjectionTests.at;
import static org.elearn.query.projection.ProjectionTests.count;
import static org.elearn.query.projection.ProjectionTests.fence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.InvitationResent;
import org.elearn.events.membership.InvitationRevoked;
import org.elearn.events.membership.InvitedRole;
import org.elearn.events.membership.MemberInvited;
import org.elearn.query.projection.ProjectionTests;
import org.elearn.query.sealing.ProjectionCipher;
import org.elearn.query.sealing.TestCiphers;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The invitation projection's handlers, called directly, on a real PostgreSQL. */
class InvitationProjectionTest {

    private static final JdbcTemplate JDBC = ProjectionTests.migratedDatabase();
    private static final ProjectionCipher CIPHER = TestCiphers.cipher(TestCiphers.vault(JDBC));
    private static final Instant SENT = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-03-09T09:00:00Z");

    private final InvitationProjection projection = new InvitationProjection(JDBC, CIPHER);
    private final UUID invitation = UUID.randomUUID();
    private final UUID invitee = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();

    private void invited(long globalIndex) {
        projection.on(new MemberInvited(invitation, invitee, organization, "ivy@example.com", InvitedRole.INSTRUCTOR,
                EXPIRES), SENT, at(globalIndex));
    }

    private Map<String, Object> row() {
        return CIPHER.openColumns("invitation_view", invitee,
                JDBC.queryForMap("SELECT * FROM invitation_view WHERE invitation_id = ?", invitation));
    }

    @Test
    void anInvitationIsSentWithItsEmailSealedAndNoCode() {
        invited(10);

        assertThat(row()).containsEntry("email", "ivy@example.com").containsEntry("role", "INSTRUCTOR")
                .containsEntry("status", "SENT").containsEntry("organization_id", organization)
                .containsEntry("invited_at", Timestamp.from(SENT)).containsEntry("sent_at", Timestamp.from(SENT))
                .containsEntry("expires_at", Timestamp.from(EXPIRES)).containsEntry("answered_at", null)
                .containsEntry("last_global_index", 10L);
        assertThat(JDBC.queryForObject("SELECT email FROM invitation_view WHERE invitation_id = ?", String.class,
                invitation)).doesNotContain("ivy@");
        assertThat(count(JDBC, "invitation_view", "email_index = ?", (Object) CIPHER.emailIndex("ivy@example.com")))
                .isEqualTo(1);
        assertThat(JDBC.queryForList("SELECT column_name FROM information_schema.columns "
                + "WHERE table_name = 'invitation_view'", String.class)).noneMatch(column -> column.contains("code"));
    }

    @Test
    void resendingRevokingAndAcceptingChangeTheRow() {
        Instant resent = SENT.plusSeconds(3600);
        Instant later = EXPIRES.plusSeconds(3600);
        invited(10);
        projection.on(new InvitationResent(invitation, invitee, organization, later), resent, at(11));

        assertThat(row()).containsEntry("sent_at", Timestamp.from(resent)).containsEntry("expires_at",
                Timestamp.from(later)).containsEntry("invited_at", Timestamp.from(SENT)).containsEntry("status", "SENT");

        projection.on(new InvitationRevoked(invitation, invitee, organization), resent.plusSeconds(60), at(12));
        assertThat(row()).containsEntry("status", "REVOKED")
                .containsEntry("answered_at", Timestamp.from(resent.plusSeconds(60)));

        UUID accepted = UUID.randomUUID();
        projection.on(new MemberInvited(accepted, invitee, organization, "ivy@example.com", InvitedRole.TRAINEE,
                EXPIRES), SENT, at(13));
        projection.on(new InvitationAccepted(accepted, invitee, organization, "Ivy", "ivy@example.com",
                InvitedRole.TRAINEE), resent, at(14));
        assertThat(JDBC.queryForMap("SELECT status, answered_at FROM invitation_view WHERE invitation_id = ?",
                accepted)).containsEntry("status", "ACCEPTED").containsEntry("answered_at", Timestamp.from(resent));
    }

    @Test
    void eventsDeliveredAgainChangeNothing() {
        invited(10);
        projection.on(new InvitationRevoked(invitation, invitee, organization), SENT, at(12));
        String version = JDBC.queryForObject("SELECT xmin::text FROM invitation_view WHERE invitation_id = ?",
                String.class, invitation);

        invited(10);
        projection.on(new InvitationResent(invitation, invitee, organization, EXPIRES.plusSeconds(1)), SENT, at(11));
        projection.on(new InvitationRevoked(invitation, invitee, organization), SENT, at(12));

        // xmin changes whenever PostgreSQL rewrites a row, even with the same values
        assertThat(JDBC.queryForObject("SELECT xmin::text FROM invitation_view WHERE invitation_id = ?", String.class,
                invitation)).isEqualTo(version);
        assertThat(row()).containsEntry("expires_at", Timestamp.from(EXPIRES));
    }

    @Test
    void erasureDeletesTheInviteesRowsAndAFencedInviteeGetsNoneAgain() {
        invited(10);

        projection.erase(invitee);
        fence(JDBC, invitee);
        invited(10);

        assertThat(count(JDBC, "invitation_view", "invitee_id = ?", invitee)).isZero();
        assertThat(projection.clearPersonalDataTables()).containsExactly("invitation_view");
    }

    @Test
    void aResetEmptiesTheTable() {
        invited(10);

        ProjectionTests.resetAsAxonDoes(projection);

        assertThat(count(JDBC, "invitation_view", "true")).isZero();
    }
}
