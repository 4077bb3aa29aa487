package org.elearn.command.organization;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator rejects a pending administrator, optionally saying why. */
record RejectAdministrator(@TargetAggregateIdentifier UUID administratorId, UUID operatorId, String reason) {
}
