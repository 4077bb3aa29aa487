package org.elearn.command.privacy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of aggregates that exist once per data subject beside their account aggregates (their consent
 * ledger, their account cancellation). Axon's event store keys every aggregate by its identifier
 * alone, so these cannot reuse the user id: each kind gets a name-based UUID derived from it.
 */
public final class SubjectAggregateIds {

    private SubjectAggregateIds() {
    }

    public static UUID of(String kind, UUID subjectId) {
        return UUID.nameUUIDFromBytes((kind + ":" + subjectId).getBytes(StandardCharsets.UTF_8));
    }
}
