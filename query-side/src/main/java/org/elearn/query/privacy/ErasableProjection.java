package org.elearn.query.privacy;

import java.util.UUID;

/**
 * A projection that holds rows about data subjects. On erasure, {@link ProjectionErasure} asks every
 * one of them to delete or anonymise what they hold about the subject.
 */
public interface ErasableProjection {

    /** Deletes or anonymises every row about the subject; runs inside the erasure processor's transaction. */
    void erase(UUID subjectId);
}
