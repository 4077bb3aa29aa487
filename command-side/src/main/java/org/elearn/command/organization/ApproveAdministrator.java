package org.elearn.command.organization;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator approves a pending administrator. */
record ApproveAdministrator(@TargetAggregateIdentifier UUID administratorId, UUID operatorId) {
}
