package org.elearn.command.organization;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register an organization (operators only). */
record RegisterOrganization(@TargetAggregateIdentifier UUID organizationId, String name, String dataRegion) {
}
