package org.elearn.query.privacy;

import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.elearn.events.privacy.UserErased;
import org.elearn.query.projection.ErasableProjection;
import org.elearn.support.privacy.ErasureCompaction;
import org.springframework.stereotype.Component;

/**
 * Applies an erasure to every projection, in a processing group of its own. Because it does not
 * share a processor with the projections, a dead-lettered event of the subject (which parks the
 * rest of that subject's sequence in its own group) cannot hold the erasure back. Its errors
 * propagate, so a failed erasure is retried rather than skipped. Projections also refuse to create
 * rows for fenced subjects, so a replay in any order brings nothing back. Once the erasure commits,
 * the tables that held the subject's data in clear are handed to {@link ErasureCompaction}.
 */
@Component
@ProcessingGroup(ProjectionErasure.PROCESSING_GROUP)
class ProjectionErasure {

    static final String PROCESSING_GROUP = "projection-erasure";

    private final List<ErasableProjection> projections;
    private final ErasureCompaction compaction;
    private final List<String> clearTables;

    ProjectionErasure(List<ErasableProjection> projections, ErasureCompaction compaction) {
        this.projections = projections;
        this.compaction = compaction;
        this.clearTables = projections.stream().flatMap(p -> p.clearPersonalDataTables().stream()).toList();
    }

    @EventHandler
    void on(UserErased event, TrackingToken token) {
        long globalIndex = token.position().orElseThrow();
        projections.forEach(projection -> projection.erase(event.userId(), globalIndex));
        CurrentUnitOfWork.get().afterCommit(unitOfWork -> compaction.request(clearTables));
    }
}
