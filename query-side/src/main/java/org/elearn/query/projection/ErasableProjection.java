package org.elearn.query.projection;

import java.util.List;
import java.util.UUID;

/**
 * A projection that holds rows about data subjects. On erasure, {@link ProjectionErasure} asks every
 * one of them to delete or anonymise what they hold about the subject.
 */
public interface ErasableProjection {

    /** Deletes or anonymises every row about the subject; runs inside the erasure processor's transaction. */
    void erase(UUID subjectId);

    /**
     * The same, for the erasure event at this global index. A projection whose rows carry the index
     * of their last change, which report streams resume from, stamps it on the subject's rows, so a
     * client resuming from any earlier index still hears of the erasure.
     */
    default void erase(UUID subjectId, long globalIndex) {
        erase(subjectId);
    }

    /**
     * The tables that hold the subject's personal data in clear, which compaction after erasure
     * rewrites so that no dead row version keeps it on disk (see {@code ErasureCompaction}).
     */
    default List<String> clearPersonalDataTables() {
        return List.of();
    }
}
