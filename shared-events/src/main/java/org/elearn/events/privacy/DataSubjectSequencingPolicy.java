package org.elearn.events.privacy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.Method;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Routes every event about one data subject to the same processor segment, in order, whichever
 * aggregate published it. This matters for erasure: {@link UserErased} must be applied after the
 * subject's earlier events, also during a replay, or a projection could re-create a row it deleted.
 * Events without a top-level {@link DataSubjectId} keep Axon's per-aggregate ordering.
 *
 * <p>A processor asks this for every event it reads, on its single coordinator thread. Given the
 * serializer the events are stored with, the subject id is read from the stored JSON (where it is
 * in clear) without deserializing the event, so that decrypting personal fields is left to the
 * worker threads, and only for events a handler takes. Events read any other way are deserialized.
 */
public final class DataSubjectSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ClassValue<Method> SUBJECT = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return PersonalDataModel.of(type).subjectProperty()
                    .map(name -> RecordComponents.accessor(type, name)).orElse(null);
        }
    };

    private final SequentialPerAggregatePolicy fallback = SequentialPerAggregatePolicy.instance();
    private final Serializer storedWith;

    /** Reads the subject from deserialized events. */
    public DataSubjectSequencingPolicy() {
        this(null);
    }

    /** Reads the subject from the stored JSON of events stored with this serializer. */
    public DataSubjectSequencingPolicy(Serializer storedWith) {
        this.storedWith = storedWith;
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Method accessor = SUBJECT.get(event.getPayloadType());
        if (accessor == null) {
            return fallback.getSequenceIdentifierFor(event);
        }
        String stored = storedSubject(event);
        if (stored != null) {
            return stored;
        }
        try {
            Object id = event.getPayload() == null ? null : accessor.invoke(event.getPayload());
            return id != null ? id.toString() : fallback.getSequenceIdentifierFor(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the data subject of " + event.getPayloadType(), e);
        }
    }

    /**
     * The data subject of an event read from the store with the serializer this policy was given,
     * from its stored JSON, without deserializing (so without decrypting) it; null for other events
     * and for events that name no subject at the top level.
     */
    public String storedSubject(EventMessage<?> event) {
        Method accessor = SUBJECT.get(event.getPayloadType());
        if (accessor == null || storedWith == null || !isStored(event)) {
            return null;
        }
        return fromStoredJson(event, accessor.getName());
    }

    /** Messages read from the event store, whose payload is still the stored form until asked for. */
    private static boolean isStored(EventMessage<?> event) {
        return event instanceof GenericTrackedDomainEventMessage || event instanceof GenericTrackedEventMessage;
    }

    /** The top-level property's text in the stored JSON, or null if it is not there as text. */
    private String fromStoredJson(EventMessage<?> event, String property) {
        SerializedObject<byte[]> serialized = event.serializePayload(storedWith, byte[].class);
        try (JsonParser parser = JSON.createParser(serialized.getData())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(property)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
