package org.elearn.query.privacy;

import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.privacy.UserErased;
import org.springframework.stereotype.Component;

/**
 * Applies an erasure to every projection, in a processing group of its own. Because it does not
 * share a processor with the projections, a dead-lettered event of the subject (which parks the
 * rest of that subject's sequence in its own group) cannot hold the erasure back. Its errors
 * propagate, so a failed erasure is retried rather than skipped. Projections also refuse to create
 * rows for fenced subjects, so a replay in any order brings nothing back.
 */
@Component
@ProcessingGroup(ProjectionErasure.PROCESSING_GROUP)
class ProjectionErasure {

    static final String PROCESSING_GROUP = "projection-erasure";

    private final List<ErasableProjection> projections;

    ProjectionErasure(List<ErasableProjection> projections) {
        this.projections = projections;
    }

    @EventHandler
    void on(UserErased event, TrackingToken token) {
        long globalIndex = token.position().orElseThrow();
        projections.forEach(projection -> projection.erase(event.userId(), globalIndex));
    }
}
