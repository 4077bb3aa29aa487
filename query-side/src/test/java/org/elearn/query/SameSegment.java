package org.elearn.query;

import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Events for tests of one processor segment: subjects that share a segment, published straight to the store. */
public final class SameSegment {

    /** The segment count of the processors these tests watch. */
    public static final int SEGMENTS = 4;

    private SameSegment() {
    }

    /** A subject whose events go to the same segment as this one's (the sequencing policy hashes the subject id). */
    public static UUID as(UUID subject) {
        UUID candidate;
        do {
            candidate = UUID.randomUUID();
        } while ((candidate.toString().hashCode() & (SEGMENTS - 1)) != (subject.toString().hashCode() & (SEGMENTS - 1)));
        return candidate;
    }

    /** Appends the event without an aggregate; answers its identifier. */
    public static String publish(EventStore eventStore, Object payload) {
        EventMessage<?> message = GenericEventMessage.asEventMessage(payload);
        eventStore.publish(message);
        return message.getIdentifier();
    }
}
