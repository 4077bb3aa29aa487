package org.elearn.command.rights;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.elearn.command.identity.AccountStore;
import org.elearn.command.identity.LoginService;
import org.elearn.command.privacy.ErasureService;
import org.elearn.command.CommandErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Account cancellation. Cancelling deactivates the account (no login gives it a token) and raises
 * its session version (every token is refused on every instance) in the transaction that records
 * the request. The user withdraws by giving their password again, since they hold no token any more.
 * When the cool-off ends, {@link CoolOffJob} erases the account through {@link ErasureService}.
 * Blocking: call it off the event loop.
 */
@Service
@EnableConfigurationProperties(CancellationProperties.class)
record CancellationService(CommandGateway commands, AccountStore accounts, RightsRequests requests, LoginService logins,
                           ErasureService erasure, TransactionTemplate tx, JdbcTemplate jdbc,
                           CancellationProperties properties, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(CancellationService.class);
    /** Advisory lock key: one command-side instance at a time completes cancellations. */
    private static final long COOL_OFF_LOCK = 0x63616e63656c6c31L;
    private static final String SYSTEM = "system";

    record Cancelled(UUID requestId, String state, Instant requestedAt, Instant erasureDueAt) {
    }

    Cancelled cancel(UUID userId) {
        AccountStore.AccountStatus account = accounts.status(userId).filter(a -> !a.erased())
                .orElseThrow(() -> CommandErrors.USER_NOT_FOUND.refusal("No account for this token."));
        Instant now = clock.instant();
        Instant erasureDueAt = now.plus(properties.coolOff());
        UUID requestId = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            commands.sendAndWait(new RequestAccountCancellation(AccountCancellation.idFor(userId), requestId, userId,
                    account.organizationId(), now, erasureDueAt));
            accounts.setStatus(userId, AccountStore.Status.CANCELLED);
            requests.open(requestId, userId, account.organizationId(), RightsRequestKind.CANCELLATION, now,
                    erasureDueAt);
            accounts.revokeSessions(userId);
        });
        return new Cancelled(requestId, "OPEN", now, erasureDueAt);
    }

    /** Withdraws the pending cancellation of the account these credentials open; it is active again. */
    void withdraw(String email, String password, String clientAddress) {
        UUID userId = logins.verifyPassword(email, password, clientAddress);
        tx.executeWithoutResult(status -> {
            RightsRequests.Request pending = requests.findOpen(userId, RightsRequestKind.CANCELLATION)
                    .orElseThrow(() -> CommandErrors.NO_CANCELLATION_PENDING.refusal(
                            "This account has no pending cancellation."));
            Instant now = clock.instant();
            commands.sendAndWait(new WithdrawAccountCancellation(AccountCancellation.idFor(userId), now));
            accounts.setStatus(userId, AccountStore.Status.ACTIVE);
            requests.close(pending.requestId(), "WITHDRAWN", now, userId.toString());
        });
    }

    /**
     * Erases every account whose cool-off has ended, each in its own transaction that also completes
     * the cancellation. Safe with several instances: each transaction first takes an advisory lock
     * and re-reads the request, so a request is completed and erased once.
     *
     * @return how many accounts this call erased
     */
    int eraseDue() {
        int erased = 0;
        for (RightsRequests.Request due : requests.dueForAction(RightsRequestKind.CANCELLATION, clock.instant(), 100)) {
            try {
                if (erasure.eraseAccount(due.subjectId(), () -> complete(due.requestId()))) {
                    erased++;
                }
            } catch (RuntimeException e) {
                // ids only: the next run tries again
                log.warn("erasure after the cool-off of request {} failed: {}", due.requestId(), e.getClass().getName());
            }
        }
        return erased;
    }

    /** In the erasure's transaction: false if another instance holds the job or the request moved on. */
    private boolean complete(UUID requestId) {
        Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, COOL_OFF_LOCK);
        if (!Boolean.TRUE.equals(locked)) {
            return false;
        }
        Instant now = clock.instant();
        return requests.lockOpen(requestId).filter(r -> !now.isBefore(r.actAt())).map(request -> {
            commands.sendAndWait(new CompleteAccountCancellation(AccountCancellation.idFor(request.subjectId()), now));
            requests.close(request.requestId(), "COMPLETED", now, SYSTEM);
            return true;
        }).orElse(false);
    }
}
