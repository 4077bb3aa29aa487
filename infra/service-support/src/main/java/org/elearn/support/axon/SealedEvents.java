package org.elearn.support.axon;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDecorator;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.StreamableMessageSource;
import org.elearn.events.privacy.EncryptingSerializer;
import org.elearn.events.privacy.PersonalDataModel;

/**
 * The event store as processors whose handlers read no personal field see it
 * ({@link ReadsNoPersonalData}): an event with personal data is deserialized with every personal
 * field read as its replacement value, as an erased subject's would be, so nothing is decrypted and
 * no key is read. Before, each of the three query-side processors that handle statements decrypted
 * every statement (its whole JSON, the answer and the User-Agent's parts) to read only clear figures.
 *
 * <p>Only the payload differs. Its stored form stays the one read from the store: a dead letter
 * keeps the event as stored, and the sequencing policy and the key prefetch read the subject from
 * it as before. {@link #open} gives a handler the decrypted event when it needs a personal field of
 * a few events (the command side's progress needs the answer of statements that make progress).
 */
public final class SealedEvents implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** The bean's name, which a processor names as its {@code source}. */
    public static final String BEAN = "sealedEvents";

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final EncryptingSerializer serializer;

    public SealedEvents(StreamableMessageSource<TrackedEventMessage<?>> store, EncryptingSerializer serializer) {
        this.store = store;
        this.serializer = serializer;
    }

    /** Whether a handler object's events may be read sealed: its class reads no personal field. */
    public static boolean readsNoPersonalData(Object handler) {
        return handler.getClass().isAnnotationPresent(ReadsNoPersonalData.class);
    }

    /** This source for a handler that reads no personal field, else the store itself. */
    public StreamableMessageSource<TrackedEventMessage<?>> sourceFor(Object handler) {
        return readsNoPersonalData(handler) ? this : store;
    }

    /**
     * The event's payload with its personal fields decrypted, read again from its stored form (or
     * the payload itself, for an event that carries no personal data).
     */
    @SuppressWarnings("unchecked")
    public <T> T open(EventMessage<T> event) {
        if (!PersonalDataModel.of(event.getPayloadType()).hasPersonalData()) {
            return event.getPayload();
        }
        return (T) serializer.deserialize(event.serializePayload(serializer, byte[].class));
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        BlockingStream<TrackedEventMessage<?>> stream = store.openStream(trackingToken);
        return new BlockingStream<>() {
            @Override
            public Optional<TrackedEventMessage<?>> peek() {
                return stream.peek().map(SealedEvents.this::sealed);
            }

            @Override
            public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                return stream.hasNextAvailable(timeout, unit);
            }

            @Override
            public boolean hasNextAvailable() {
                return stream.hasNextAvailable();
            }

            @Override
            public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
                return sealed(stream.nextAvailable());
            }

            @Override
            public void close() {
                stream.close();
            }

            @Override
            public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignored) {
                stream.skipMessagesWithPayloadTypeOf(ignored);
            }

            @Override
            public boolean setOnAvailableCallback(Runnable callback) {
                return stream.setOnAvailableCallback(callback);
            }
        };
    }

    /** The event with a sealed payload; events without personal data as they are. */
    <T> TrackedEventMessage<?> sealed(TrackedEventMessage<T> event) {
        if (!PersonalDataModel.of(event.getPayloadType()).hasPersonalData()) {
            return event;
        }
        Message<T> payload = new SealedPayload<>(event, serializer);
        if (event instanceof DomainEventMessage<?> domain) {
            return new GenericTrackedDomainEventMessage<>(event.trackingToken(), domain.getType(),
                    domain.getAggregateIdentifier(), domain.getSequenceNumber(), payload, event::getTimestamp);
        }
        return new GenericTrackedEventMessage<>(event.trackingToken(), payload, event::getTimestamp);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(java.time.Duration duration) {
        return store.createTokenSince(duration);
    }

    /**
     * A stored event whose payload is deserialized sealed, once, when asked for; its identity, meta
     * data and stored form are the stored event's.
     */
    private static final class SealedPayload<T> extends MessageDecorator<T> {

        private final transient EncryptingSerializer serializer;
        private transient volatile T payload;

        SealedPayload(Message<T> stored, EncryptingSerializer serializer) {
            super(stored);
            this.serializer = serializer;
        }

        @Override
        public T getPayload() {
            T read = payload;
            if (read == null) {
                read = serializer.deserializeSealed(getDelegate().serializePayload(serializer, byte[].class));
                payload = read;
            }
            return read;
        }

        @Override
        public Message<T> withMetaData(Map<String, ?> metaData) {
            return new SealedPayload<>(getDelegate().withMetaData(metaData), serializer);
        }

        @Override
        public Message<T> andMetaData(Map<String, ?> metaData) {
            return new SealedPayload<>(getDelegate().andMetaData(metaData), serializer);
        }

        @Override
        public MetaData getMetaData() {
            return getDelegate().getMetaData();
        }
    }
}
