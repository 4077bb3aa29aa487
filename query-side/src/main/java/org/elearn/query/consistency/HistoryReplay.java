package org.elearn.query.consistency;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.elearn.events.privacy.RecordComponents;

/** Applying stored events to a projection outside its processor: a point-in-time report, a consistency check. */
public final class HistoryReplay {

    private HistoryReplay() {
    }

    /**
     * Whether an event may concern the organization: events that name no organization (an erasure,
     * a restriction) are applied and matter only for rows the organization's events created.
     */
    public static boolean concerns(EventMessage<?> event, UUID organization) {
        Object named = RecordComponents.value(event.getPayload(), "organizationId");
        return named == null || named.equals(organization);
    }

    /** Applies the batch in one unit of work, as a processor batch would be, and empties it; answers its size. */
    public static int apply(AnnotationEventHandlerAdapter handler, List<EventMessage<?>> batch) {
        int size = batch.size();
        if (size > 0) {
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(batch));
            try {
                unitOfWork.executeWithResult(() -> handler.handle(unitOfWork.getMessage()));
            } catch (Exception e) {
                throw new IllegalStateException("replaying the history failed", e);
            }
            batch.clear();
        }
        return size;
    }
}
