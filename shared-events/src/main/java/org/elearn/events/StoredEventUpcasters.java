package org.elearn.events;

import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.elearn.events.course.ReportedTimeUpcaster;

/**
 * Every upcaster of the event contract, in the order they apply. The services register this one
 * chain, so that wiring the event store needs to know no feature's events; a new upcaster is added
 * here, next to the events it upcasts.
 */
public final class StoredEventUpcasters {

    private StoredEventUpcasters() {
    }

    /** A chain that brings every stored event of an older revision to its current one. */
    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(new ReportedTimeUpcaster());
    }
}
