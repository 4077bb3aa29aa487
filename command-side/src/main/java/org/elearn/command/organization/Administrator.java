package org.elearn.command.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.elearn.events.organization.AdministratorApproved;
import org.elearn.events.organization.AdministratorRegistered;
import org.elearn.events.organization.AdministratorRejected;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.command.CommandErrors;

/**
 * A person who administers an organization's training: pending until an operator approves or
 * rejects them. Holds no personal data in its state, so its snapshots hold none either.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Administrator {

    enum Status { PENDING, APPROVED, REJECTED }

    @AggregateIdentifier
    @DataSubjectId
    private UUID administratorId;
    private UUID organizationId;
    private Status status;

    Administrator() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Administrator(RegisterAdministrator command) {
        apply(new AdministratorRegistered(command.administratorId(), command.organizationId(), command.name(),
                command.email(), command.phone(), command.occupation(), command.documents()));
    }

    @CommandHandler
    void handle(ApproveAdministrator command) {
        requirePending();
        apply(new AdministratorApproved(administratorId, organizationId, command.operatorId()));
    }

    @CommandHandler
    void handle(RejectAdministrator command) {
        requirePending();
        apply(new AdministratorRejected(administratorId, organizationId, command.operatorId(), command.reason()));
    }

    private void requirePending() {
        if (status == null) { // the id belongs to another kind of account
            throw CommandErrors.ADMINISTRATOR_NOT_FOUND.refusal("No administrator with this id.");
        }
        if (!isAwaitingDecision()) {
            throw CommandErrors.ADMINISTRATOR_NOT_PENDING.refusal(
                    "This administrator was already " + status.name().toLowerCase() + ".");
        }
    }

    boolean isAwaitingDecision() {
        return status == Status.PENDING;
    }

    @EventSourcingHandler
    void on(AdministratorRegistered event) {
        this.administratorId = event.administratorId();
        this.organizationId = event.organizationId();
        this.status = Status.PENDING;
    }

    @EventSourcingHandler
    void on(AdministratorApproved event) {
        this.status = Status.APPROVED;
    }

    @EventSourcingHandler
    void on(AdministratorRejected event) {
        this.status = Status.REJECTED;
    }
}
