package org.elearn.command.privacy;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.elearn.command.identity.AccountStore;
import org.elearn.command.identity.AccountStore.AccountStatus;
import org.elearn.command.notification.Outbox;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.events.privacy.UserErased;
import org.elearn.support.privacy.ErasedSubjects;
import org.elearn.support.privacy.ErasureLog;
import org.elearn.support.privacy.ErasureCompaction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The right to erasure. In one transaction: the erasure fence and the destruction of the data key,
 * the deletion of credentials and email lookup (tombstones of the identifiers the person could be
 * named by are noted first, see {@link BeforeAccountErasure}), and the {@link UserErased} event. Then the key table
 * is vacuumed so no dead row version keeps the key, and {@link ErasureCompaction} later rewrites the
 * tables that held the subject's data in clear (the outbox and the local mailbox). Each erasure is
 * first recorded in the {@link ErasureLog}, outside the database, and {@link ErasuresAfterRestore}
 * carries out again at start those a restored database lacks. Every instance
 * evicts its cached key and refuses the user's tokens on the notification sent at commit. Blocking:
 * call it off the event loop.
 */
@Service
public record ErasureService(AccountStore accounts, JdbcKeyVault keyVault, EventGateway events, TransactionTemplate tx,
                             ErasedSubjects erasedSubjects, Outbox outbox, List<SubjectDataHolder> holders,
                             List<BeforeAccountErasure> firstSteps, ErasureRequestLog requests, Clock clock,
                             ErasureCompaction compaction, ErasureLog erasureLog, JdbcTemplate jdbc) {

    /** The command side's tables that hold personal data in clear: the messages waiting or kept. */
    private static final List<String> CLEAR_TABLES = List.of("notification_outbox", "local_mailbox");

    void erase(UUID userId, SubjectAccess.Requester requester) {
        AccountStatus account = accounts.status(userId).orElseThrow(SubjectAccess::unknownUser);
        SubjectAccess.authorize(account, requester, "erase");
        if (account.erased()) {
            return; // idempotent: the first request did everything
        }
        // the request is recorded in the erasure's own transaction, with who made or relayed it
        eraseAccount(userId, () -> {
            requests.erasureCarriedOut(userId, account.organizationId(), clock.instant(), requester.userId());
            return true;
        });
    }

    /**
     * Erases an account for a process of the system itself, such as a cancellation whose cool-off
     * ended. {@code firstStep} runs first in the erasure's transaction (to take a lock, re-check its
     * own state and record its own outcome) and calls the erasure off by answering false.
     *
     * @return whether this call erased the account
     */
    public boolean eraseAccount(UUID userId, BooleanSupplier firstStep) {
        // null: called off, or erased before; otherwise whether the key was destroyed now
        Boolean shredded = tx.execute(status -> {
            if (!firstStep.getAsBoolean()) {
                return null;
            }
            AccountStatus account = accounts.status(userId).orElseThrow(SubjectAccess::unknownUser);
            if (account.erased()) {
                return null;
            }
            return eraseAccountWithin(userId, account.organizationId());
        });
        if (Boolean.TRUE.equals(shredded)) {
            keyVault.vacuum();
        }
        return shredded != null;
    }

    /**
     * Erases a data subject without an account, such as an xAPI agent who is not a member: the key,
     * the fingerprints, and {@link UserErased} for the projections. Idempotent.
     */
    public void eraseSubject(UUID subjectId, UUID organizationId) {
        boolean erasedNow = Boolean.TRUE.equals(tx.execute(status -> shred(subjectId, organizationId)));
        erasedSubjects.add(subjectId.toString());
        if (erasedNow) {
            keyVault.vacuum();
        }
    }

    /**
     * Erases an account in the caller's transaction, for a job that erases many (retention): the
     * caller calls {@link #vacuumKeys()} once after committing. True if it was not erased before.
     */
    public boolean eraseAccountWithin(UUID userId, UUID organizationId) {
        // while the email lookup and the key still exist
        firstSteps.forEach(step -> step.accountErasing(userId, organizationId));
        accounts.eraseAccount(userId, organizationId);
        boolean fresh = shred(userId, organizationId);
        // once committed, this instance refuses the user's tokens at once, the others on the notification
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                erasedSubjects.add(userId.toString());
            }
        });
        return fresh;
    }

    /**
     * Fences a subject the database knows nothing of, such as one created after the backup it was
     * restored from and erased since: no key is ever made for them, and as nothing names them, no
     * erasure event is needed.
     */
    void fenceUnknownSubject(UUID subjectId) {
        tx.executeWithoutResult(status -> keyVault.erase(subjectId.toString()));
        erasedSubjects.add(subjectId.toString());
    }

    /** Removes destroyed keys' dead tuples; outside any transaction. */
    public void vacuumKeys() {
        keyVault.vacuum();
    }

    /** In the caller's transaction: destroys the key and what the stores derived; true if it was not erased before. */
    private boolean shred(UUID subjectId, UUID organizationId) {
        // first, outside the database, so a backup restored later cannot bring the subject back; with the
        // transaction's time, which also stamps the fence: a fence stamped otherwise was made again
        erasureLog.record(subjectId, organizationId,
                jdbc.queryForObject("SELECT now()", java.sql.Timestamp.class).toInstant());
        boolean fresh = keyVault.erase(subjectId.toString());
        holders.forEach(holder -> holder.forget(subjectId));
        outbox.forget(subjectId.toString());
        if (fresh) {
            events.publish(new UserErased(subjectId, organizationId));
            compaction.requestAfterCommit(CLEAR_TABLES);
        }
        return fresh;
    }
}
