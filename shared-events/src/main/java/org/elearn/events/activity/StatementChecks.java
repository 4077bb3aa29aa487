package org.elearn.events.activity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The checks every statement event makes of the statement it is about. */
final class StatementChecks {

    private StatementChecks() {
    }

    /** Who (in which organization) did what, and when: required of a recorded and of a voided statement. */
    static void requireStatement(UUID statementId, UUID organizationId, UUID actorId, String verbId, String objectId,
                                 Instant timestamp) {
        Objects.requireNonNull(statementId, "statementId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(verbId, "verbId");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
