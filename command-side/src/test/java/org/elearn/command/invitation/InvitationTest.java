package org.elearn.command.invitation;

import static org.elearn.testsupport.Refusals.refusedWith;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.elearn.command.CommandErrors;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.InvitationRevoked;
import org.elearn.events.membership.InvitedRole;
import org.elearn.events.membership.MemberInvited;
import org.junit.jupiter.api.Test;

class InvitationTest {

    private final AggregateTestFixture<Invitation> fixture = new AggregateTestFixture<>(Invitation.class);
    private final UUID id = UUID.randomUUID();
    private final UUID invitee = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();
    private final Instant expiry = Instant.parse("2026-12-01T00:00:00Z");
    private final MemberInvited invited = new MemberInvited(id, invitee, organization, "new@example.com",
            InvitedRole.INSTRUCTOR, expiry);

    @Test
    void anOpenInvitationIsAcceptedBeforeItsExpiry() {
        fixture.given(invited)
                .when(new AcceptInvitation(id, "Nina New", expiry.minusSeconds(1)))
                .expectEvents(new InvitationAccepted(id, invitee, organization, "Nina New", "new@example.com",
                        InvitedRole.INSTRUCTOR));
    }

    @Test
    void rejectsInvitationAfterExpiry() {
        fixture.given(invited)
                .when(new AcceptInvitation(id, "Nina New", expiry))
                .expectNoEvents()
                .expectException(refusedWith(CommandErrors.INVITATION_EXPIRED))
                .expectExceptionMessage("This invitation has expired; ask for it to be sent again.");
    }

    @Test
    void aUsedInvitationCannotBeUsedAgain() {
        fixture.given(invited, new InvitationAccepted(id, invitee, organization, "Nina New", "new@example.com",
                        InvitedRole.INSTRUCTOR))
                .when(new AcceptInvitation(id, "Someone Else", expiry.minusSeconds(10)))
                .expectNoEvents()
                .expectException(refusedWith(CommandErrors.INVITATION_USED))
                .expectExceptionMessage("This invitation was already accepted.");
    }

    @Test
    void aRevokedInvitationCannotBeAcceptedOrResent() {
        fixture.given(invited, new InvitationRevoked(id, invitee, organization))
                .when(new AcceptInvitation(id, "Nina New", expiry.minusSeconds(10)))
                .expectNoEvents()
                .expectException(refusedWith(CommandErrors.INVITATION_REVOKED))
                .expectExceptionMessage("This invitation was revoked.");
        fixture.given(invited, new InvitationRevoked(id, invitee, organization))
                .when(new ResendInvitation(id, expiry.plusSeconds(3600)))
                .expectNoEvents()
                .expectException(refusedWith(CommandErrors.INVITATION_REVOKED));
    }
}
