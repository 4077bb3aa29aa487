package org.elearn.events.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A projection rebuild ended: swapped in, or abandoned (the live projection then kept serving).
 *
 * @param rebuildId the rebuild
 * @param projection the projection's name
 * @param swapped whether the rebuilt tables went live
 * @param position the position in the history the rebuilt tables had reached at the swap, or -1
 * @param endedAt when
 */
public record ProjectionRebuildEnded(UUID rebuildId, String projection, boolean swapped, long position,
                                     Instant endedAt) {

    /** Checks that the ids and the time are present. */
    public ProjectionRebuildEnded {
        Objects.requireNonNull(rebuildId, "rebuildId");
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(endedAt, "endedAt");
    }
}
