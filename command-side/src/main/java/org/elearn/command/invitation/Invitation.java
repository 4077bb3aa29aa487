package org.elearn.command.invitation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.InvitationResent;
import org.elearn.events.membership.InvitationRevoked;
import org.elearn.events.membership.InvitedRole;
import org.elearn.events.membership.MemberInvited;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;
import org.elearn.command.CommandErrors;

/** An invitation into an organization: open until accepted, revoked, or past its expiry. */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Invitation {

    enum Status { OPEN, ACCEPTED, REVOKED }

    /** Whom an invitation is for: what accepting, resending or revoking needs to know. */
    record Invitee(UUID inviteeId, UUID organizationId, String email, InvitedRole role) {
    }

    @AggregateIdentifier
    private UUID invitationId;
    @DataSubjectId
    private UUID inviteeId;
    private UUID organizationId;
    @PersonalData
    private String email;
    private InvitedRole role;
    private Instant expiresAt;
    private Status status;

    Invitation() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Invitation(InviteMember command) {
        apply(new MemberInvited(command.invitationId(), command.inviteeId(), command.organizationId(),
                command.email(), command.role(), command.expiresAt()));
    }

    @CommandHandler
    Invitee handle(ResendInvitation command) {
        requireOpen();
        apply(new InvitationResent(invitationId, inviteeId, organizationId, command.expiresAt()));
        return invitee();
    }

    @CommandHandler
    Invitee handle(RevokeInvitation command) {
        requireOpen();
        apply(new InvitationRevoked(invitationId, inviteeId, organizationId));
        return invitee();
    }

    @CommandHandler
    Invitee handle(AcceptInvitation command) {
        requireOpen();
        if (!isUsable(command.now())) {
            throw CommandErrors.INVITATION_EXPIRED.refusal("This invitation has expired; ask for it to be sent again.");
        }
        apply(new InvitationAccepted(invitationId, inviteeId, organizationId, command.name(), email, role));
        return invitee();
    }

    private Invitee invitee() {
        return new Invitee(inviteeId, organizationId, email, role);
    }

    boolean isUsable(Instant now) {
        return status == Status.OPEN && now.isBefore(expiresAt);
    }

    private void requireOpen() {
        if (status == Status.ACCEPTED) {
            throw CommandErrors.INVITATION_USED.refusal("This invitation was already accepted.");
        }
        if (status == Status.REVOKED) {
            throw CommandErrors.INVITATION_REVOKED.refusal("This invitation was revoked.");
        }
    }

    @EventSourcingHandler
    void on(MemberInvited event) {
        this.invitationId = event.invitationId();
        this.inviteeId = event.inviteeId();
        this.organizationId = event.organizationId();
        this.email = event.email();
        this.role = event.role();
        this.expiresAt = event.expiresAt();
        this.status = Status.OPEN;
    }

    @EventSourcingHandler
    void on(InvitationResent event) {
        this.expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(InvitationRevoked event) {
        this.status = Status.REVOKED;
    }

    @EventSourcingHandler
    void on(InvitationAccepted event) {
        this.status = Status.ACCEPTED;
    }
}
