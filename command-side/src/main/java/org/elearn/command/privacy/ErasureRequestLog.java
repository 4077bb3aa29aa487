package org.elearn.command.privacy;

import java.time.Instant;
import java.util.UUID;

/**
 * Where an erasure asked for and carried out at once is recorded, in the erasure's own transaction,
 * with who made or relayed the request. The rights requests keep the record; privacy names only what
 * it needs of them, so the rights package (whose cancellations end in an erasure) may use privacy
 * without privacy using it back. Blocking: call it off the event loop.
 */
public interface ErasureRequestLog {

    void erasureCarriedOut(UUID subjectId, UUID organizationId, Instant at, String handledBy);
}
