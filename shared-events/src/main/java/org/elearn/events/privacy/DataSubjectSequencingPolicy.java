package org.elearn.events.privacy;

import java.lang.reflect.RecordComponent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Routes every event about one data subject to the same processor segment, in order, whichever
 * aggregate published it. This matters for erasure: {@link UserErased} must be applied after the
 * subject's earlier events, also during a replay, or a projection could re-create a row it deleted.
 * Events without a top-level {@link DataSubjectId} keep Axon's per-aggregate ordering.
 */
public final class DataSubjectSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private final SequentialPerAggregatePolicy fallback = SequentialPerAggregatePolicy.instance();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        PersonalDataModel model = PersonalDataModel.of(event.getPayloadType());
        if (payload != null && model.subjectProperty().isPresent() && event.getPayloadType().isRecord()) {
            String name = model.subjectProperty().get();
            for (RecordComponent component : event.getPayloadType().getRecordComponents()) {
                if (component.getName().equals(name)) {
                    try {
                        Object id = component.getAccessor().invoke(payload);
                        if (id != null) {
                            return id.toString();
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read the data subject of " + event.getPayloadType(), e);
                    }
                }
            }
        }
        return fallback.getSequenceIdentifierFor(event);
    }
}
