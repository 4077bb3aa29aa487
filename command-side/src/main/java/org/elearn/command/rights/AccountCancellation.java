package org.elearn.command.rights;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.elearn.command.privacy.SubjectAggregateIds;
import org.elearn.events.rights.AccountCancellationCompleted;
import org.elearn.events.rights.AccountCancellationRequested;
import org.elearn.events.rights.AccountCancellationWithdrawn;
import org.elearn.command.CommandErrors;
import org.elearn.support.errors.DomainException;

/**
 * A user's cancellation of their own account, one per user: requested, then withdrawn during the
 * cool-off (and perhaps requested again), or completed by the erasure once the cool-off is over.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class AccountCancellation {

    @AggregateIdentifier
    private UUID cancellationId;
    private UUID userId;
    private UUID organizationId;
    private UUID pendingRequestId;
    private Instant erasureDueAt;
    private boolean completed;

    AccountCancellation() {
        // for Axon: rebuilt from events
    }

    static UUID idFor(UUID userId) {
        return SubjectAggregateIds.of("account-cancellation", userId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RequestAccountCancellation command) {
        if (completed) {
            throw CommandErrors.ACCOUNT_ERASED.refusal("This account was cancelled and erased.");
        }
        if (isPending()) {
            throw CommandErrors.CANCELLATION_PENDING.refusal(
                    "This account is already cancelled; erasure is due at the end of the cool-off.",
                    Map.of("erasureDueAt", erasureDueAt.toString()));
        }
        apply(new AccountCancellationRequested(command.requestId(), command.userId(), command.organizationId(),
                command.requestedAt(), command.erasureDueAt()));
    }

    @CommandHandler
    UUID handle(WithdrawAccountCancellation command) {
        if (!isPending()) {
            throw noCancellationPending();
        }
        if (isCoolOffOver(command.withdrawnAt())) {
            throw CommandErrors.COOL_OFF_OVER.refusal(
                    "The cool-off has ended: the cancellation can no longer be withdrawn.");
        }
        UUID requestId = pendingRequestId;
        apply(new AccountCancellationWithdrawn(requestId, userId, organizationId, command.withdrawnAt()));
        return requestId;
    }

    @CommandHandler
    void handle(CompleteAccountCancellation command) {
        if (!isPending()) {
            throw noCancellationPending();
        }
        if (!isCoolOffOver(command.completedAt())) {
            throw CommandErrors.COOL_OFF_RUNNING.refusal("The cool-off has not ended: the account is not erased yet.");
        }
        apply(new AccountCancellationCompleted(pendingRequestId, userId, organizationId, command.completedAt()));
    }

    private boolean isPending() {
        return pendingRequestId != null;
    }

    private boolean isCoolOffOver(Instant now) {
        return !now.isBefore(erasureDueAt);
    }

    private static DomainException noCancellationPending() {
        return CommandErrors.NO_CANCELLATION_PENDING.refusal("This account has no pending cancellation.");
    }

    @EventSourcingHandler
    void on(AccountCancellationRequested event) {
        cancellationId = idFor(event.userId());
        userId = event.userId();
        organizationId = event.organizationId();
        pendingRequestId = event.requestId();
        erasureDueAt = event.erasureDueAt();
    }

    @EventSourcingHandler
    void on(AccountCancellationWithdrawn event) {
        pendingRequestId = null;
        erasureDueAt = null;
    }

    @EventSourcingHandler
    void on(AccountCancellationCompleted event) {
        pendingRequestId = null;
        completed = true;
    }
}
