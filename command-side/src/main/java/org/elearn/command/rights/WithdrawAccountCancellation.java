package org.elearn.command.rights;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a pending cancellation back, before its cool-off ends. */
record WithdrawAccountCancellation(@TargetAggregateIdentifier UUID cancellationId, Instant withdrawnAt) {
}
