package org.elearn.command.privacy;

import java.util.List;
import java.util.Optional;
import org.elearn.command.identity.AccountStore;
import org.elearn.support.privacy.ErasureLog;
import org.elearn.support.privacy.RestoredErasures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At start, before the instance is ready: carries out again every erasure of the {@link ErasureLog}
 * that the database has no fence for, as after a restore of a backup taken before it. Each goes
 * the way it first went: an account through {@link ErasureService#eraseAccount} (credentials,
 * lookups, tombstones, key, {@code UserErased}), a subject without one through
 * {@link ErasureService#eraseSubject}; a subject the database knows nothing of (no account, no key:
 * restored from before they existed, or a secrets directory shared with another database) gets
 * only the fence. An erasure is idempotent, so instances starting together may both try. Then it
 * copies into the log the erasures the database holds and the log lacks (made before the log
 * existed), so a later restore cannot undo those either.
 */
@Component
record ErasuresAfterRestore(ErasureLog erasureLog, JdbcTemplate jdbc, AccountStore accounts,
                            ErasureService erasure) implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ErasuresAfterRestore.class);

    private boolean hasKey(ErasureLog.Entry entry) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM data_key WHERE subject_id = ?)",
                Boolean.class, entry.subjectId().toString()));
    }

    @Override
    public void run(ApplicationArguments args) {
        RestoredErasures restored = RestoredErasures.compare(erasureLog, jdbc);
        for (ErasureLog.Entry entry : restored.unfenced()) {
            Optional<AccountStore.AccountStatus> account = accounts.status(entry.subjectId());
            if (account.isPresent() && !account.get().erased()) {
                erasure.eraseAccount(entry.subjectId(), () -> true);
            } else if (account.isPresent() || hasKey(entry)) {
                erasure.eraseSubject(entry.subjectId(), entry.organizationId());
            } else {
                erasure.fenceUnknownSubject(entry.subjectId());
            }
        }
        if (!restored.unfenced().isEmpty()) {
            // a count only: the ids are the erased subjects'
            log.warn("carried out again {} erasures of the erasure log that the database lacked (restored from "
                    + "a backup taken before them?)", restored.unfenced().size());
        }
        adoptUnloggedFences();
    }

    /**
     * Copies into the log every erasure the database holds and the log lacks (made before the log
     * existed, or while it could not be written), so that a backup restored later cannot bring
     * those subjects back either.
     */
    private void adoptUnloggedFences() {
        List<ErasureLog.Entry> unlogged = RestoredErasures.unlogged(erasureLog, jdbc,
                subject -> accounts.status(subject).map(AccountStore.AccountStatus::organizationId).orElse(null));
        if (!unlogged.isEmpty() && erasureLog.recordAll(unlogged)) {
            log.info("copied {} erasures that the erasure log lacked into it", unlogged.size());
        }
    }
}
