package org.elearn.command.privacy;

import java.util.UUID;

/**
 * A command-side store that must note something about an account while its email lookup and data
 * key still exist (such as tombstones of the identifiers it could be named by). Erasure calls each
 * one first, in the erasure's transaction.
 */
public interface BeforeAccountErasure {

    void accountErasing(UUID userId, UUID organizationId);
}
