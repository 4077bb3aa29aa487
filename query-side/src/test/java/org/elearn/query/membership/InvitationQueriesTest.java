package org.elearn.query.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.InvitationResent;
import org.elearn.events.membership.InvitationRevoked;
import org.elearn.events.membership.InvitedRole;
import org.elearn.events.membership.MemberInvited;
import org.elearn.query.QuerySideTest;
import org.elearn.query.web.Paged;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link InvitationQueries} on a real database, fed by the projection: each status (an open
 * invitation past its expiry reads as expired), the filters, the search by whole email, sort and
 * paging, another organization's invitations never shown, and the email gone once the invitee's key is.
 */
@QuerySideTest
class InvitationQueriesTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    InvitationQueries invitations;
    @Autowired
    JdbcKeyVault vault;

    @Test
    void listsAnOrganizationsInvitationsWithTheirStatus() {
        UUID organization = UUID.randomUUID();
        Instant week = Instant.now().plus(7, ChronoUnit.DAYS);
        UUID sent = invite(organization, "sent@example.org", week);
        UUID expired = invite(organization, "expired@example.org", Instant.now().minus(1, ChronoUnit.DAYS));
        UUID revoked = invite(organization, "revoked@example.org", week);
        UUID accepted = invite(organization, "accepted@example.org", week);
        publish(revoked, 1, new InvitationResent(revoked, invitee(revoked), organization, week.plusSeconds(60)));
        publish(revoked, 2, new InvitationRevoked(revoked, invitee(revoked), organization));
        publish(accepted, 1, new InvitationAccepted(accepted, invitee(accepted), organization, "Acce Pted",
                "accepted@example.org", InvitedRole.TRAINEE));
        invite(UUID.randomUUID(), "elsewhere@example.org", week);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Paged<InvitationQueries.Invitation> all = page(organization, null, null, "sentAt,asc", 0);
            return all.total() == 4 && all.items().stream().anyMatch(i -> "ACCEPTED".equals(i.status()))
                    && all.items().stream().anyMatch(i -> "REVOKED".equals(i.status()));
        });

        Paged<InvitationQueries.Invitation> all = page(organization, null, null, "sentAt,asc", 0);
        assertThat(all.items()).extracting(InvitationQueries.Invitation::email).containsExactlyInAnyOrder(
                "sent@example.org", "expired@example.org", "revoked@example.org", "accepted@example.org");
        assertThat(statusOf(all, sent)).isEqualTo("SENT");
        assertThat(statusOf(all, expired)).isEqualTo("EXPIRED");
        assertThat(statusOf(all, revoked)).isEqualTo("REVOKED");
        assertThat(statusOf(all, accepted)).isEqualTo("ACCEPTED");
        InvitationQueries.Invitation revokedOne = all.items().stream()
                .filter(i -> i.invitationId().equals(revoked)).findFirst().orElseThrow();
        assertThat(revokedOne.answeredAt()).isNotNull();
        assertThat(revokedOne.role()).isEqualTo("INSTRUCTOR");
        assertThat(revokedOne.sentAt()).isAfterOrEqualTo(revokedOne.invitedAt());

        for (String status : List.of("SENT", "EXPIRED", "REVOKED", "ACCEPTED")) {
            assertThat(page(organization, status, null, "sentAt,desc", 0).items())
                    .extracting(InvitationQueries.Invitation::status).containsExactly(status);
        }
        assertThat(page(organization, null, " Expired@Example.ORG ", "sentAt,desc", 0).items())
                .extracting(InvitationQueries.Invitation::invitationId).containsExactly(expired);
        assertThat(page(organization, null, null, "expiresAt,asc", 0).items().get(0).invitationId())
                .isEqualTo(expired);
        Paged<InvitationQueries.Invitation> second = invitations.page(organization, null, null, "expiresAt,asc", 1, 3)
                .block();
        assertThat(second.items()).hasSize(1);
        assertThat(second.total()).isEqualTo(4);
        assertThat(page(UUID.randomUUID(), null, null, "sentAt,desc", 0).items()).isEmpty();

        vault.erase(invitee(sent).toString());
        assertThat(page(organization, "SENT", null, "sentAt,desc", 0).items())
                .extracting(InvitationQueries.Invitation::email).containsExactly((String) null);
    }

    private Paged<InvitationQueries.Invitation> page(UUID organization, String status, String email, String sort,
                                                     int page) {
        return invitations.page(organization, status, email, sort, page, 10).block();
    }

    private static String statusOf(Paged<InvitationQueries.Invitation> page, UUID invitation) {
        return page.items().stream().filter(i -> i.invitationId().equals(invitation)).findFirst().orElseThrow()
                .status();
    }

    /** The invitee's id is derived from the invitation's here, so a test can name both. */
    private static UUID invitee(UUID invitation) {
        return new UUID(invitation.getLeastSignificantBits(), invitation.getMostSignificantBits());
    }

    private UUID invite(UUID organization, String email, Instant expiresAt) {
        UUID invitation = UUID.randomUUID();
        InvitedRole role = email.startsWith("revoked") ? InvitedRole.INSTRUCTOR : InvitedRole.TRAINEE;
        publish(invitation, 0, new MemberInvited(invitation, invitee(invitation), organization, email, role,
                expiresAt));
        return invitation;
    }

    private void publish(UUID invitation, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Invitation", invitation.toString(), sequence, event));
    }
}
