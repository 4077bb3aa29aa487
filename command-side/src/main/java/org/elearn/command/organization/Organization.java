package org.elearn.command.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.elearn.events.organization.OrganizationRegistered;

/** An organization that trains its people on the platform. */
@Aggregate
class Organization {

    @AggregateIdentifier
    private UUID organizationId;

    Organization() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Organization(RegisterOrganization command) {
        apply(new OrganizationRegistered(command.organizationId(), command.name(), command.dataRegion()));
    }

    @EventSourcingHandler
    void on(OrganizationRegistered event) {
        this.organizationId = event.organizationId();
    }
}
