package org.elearn.query.privacy;

import java.util.List;
import org.elearn.query.projection.ErasableProjection;
import org.elearn.support.privacy.ErasureCompaction;
import org.elearn.support.privacy.ErasureLog;
import org.elearn.support.privacy.RestoredErasures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start, before the instance is ready: deletes the projection rows of every subject the
 * {@link ErasureLog} lists and the restored database holds as not erased (no fence yet, or a fence
 * made again after a restore), as {@link ProjectionErasure} would. After a restore of a backup
 * taken before an erasure, the projections hold the subject's rows again, and the erasure event
 * that the command side appends again reaches this instance's processors only some time after it
 * serves; this closes that window, whichever side starts first. Idempotent, as the processor's
 * erasure is.
 */
@Component
class ErasuresAfterRestore implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ErasuresAfterRestore.class);
    private static final int CHUNK = 500;

    private final ErasureLog erasureLog;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final List<ErasableProjection> projections;
    private final ErasureCompaction compaction;

    ErasuresAfterRestore(ErasureLog erasureLog, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                         List<ErasableProjection> projections, ErasureCompaction compaction) {
        this.erasureLog = erasureLog;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.projections = projections;
        this.compaction = compaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<ErasureLog.Entry> restored = RestoredErasures.compare(erasureLog, jdbc).all();
        for (int from = 0; from < restored.size(); from += CHUNK) {
            List<ErasureLog.Entry> chunk = restored.subList(from, Math.min(restored.size(), from + CHUNK));
            tx.executeWithoutResult(status -> chunk.forEach(entry ->
                    projections.forEach(projection -> projection.erase(entry.subjectId()))));
        }
        if (!restored.isEmpty()) {
            compaction.request(projections.stream().flatMap(p -> p.clearPersonalDataTables().stream()).toList());
            // a count only: the ids are the erased subjects'
            log.warn("deleted the projection rows of {} subjects of the erasure log that the database held as not "
                    + "erased (restored from a backup taken before their erasure?)", restored.size());
        }
    }
}
