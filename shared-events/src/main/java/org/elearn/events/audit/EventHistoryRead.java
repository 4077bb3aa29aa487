package org.elearn.events.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Someone read the event history through the audit stream. Recorded before the first line is sent,
 * so a read that is cut short is still on record. Carries ids and the filter only, no personal data:
 * the filter names subjects and aggregates by id.
 *
 * @param readId identifies this read
 * @param readerId the user who read
 * @param readerRoles the roles their token carried
 * @param organizationId the organization the read was limited to, if any
 * @param filter the filter as the caller gave it, normalised (parameter name to value)
 * @param types the event types asked for, empty for all
 * @param revealed whether personal data was decrypted for this read
 * @param readAt when the read started
 */
public record EventHistoryRead(UUID readId, UUID readerId, List<String> readerRoles, UUID organizationId,
                               Map<String, String> filter, List<String> types, boolean revealed,
                               Instant readAt) {

    /** Checks the ids and the time, and copies the collections. */
    public EventHistoryRead {
        Objects.requireNonNull(readId, "readId");
        Objects.requireNonNull(readerId, "readerId");
        Objects.requireNonNull(readAt, "readAt");
        readerRoles = List.copyOf(readerRoles);
        filter = Map.copyOf(filter);
        types = List.copyOf(types);
    }
}
