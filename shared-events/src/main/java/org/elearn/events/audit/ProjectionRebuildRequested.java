package org.elearn.events.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An operator asked for a projection to be rebuilt from the history.
 *
 * @param rebuildId identifies this rebuild
 * @param projection the projection's name
 * @param requestedBy the operator
 * @param requestedAt when
 */
public record ProjectionRebuildRequested(UUID rebuildId, String projection, UUID requestedBy, Instant requestedAt) {

    /** Checks that every field is present. */
    public ProjectionRebuildRequested {
        Objects.requireNonNull(rebuildId, "rebuildId");
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
