package org.elearn.command.membership;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Bring a deactivated member back. */
record ReactivateMember(@TargetAggregateIdentifier UUID memberId) {
}
