package org.elearn.support.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.activity.StatementVoided;
import org.elearn.events.privacy.EncryptingSerializer;
import org.elearn.events.privacy.KeyVault;
import org.junit.jupiter.api.Test;

/** What a processor reading sealed events gets: clear figures, replacement values, no key read. */
class SealedEventsTest {

    private final CountingVault vault = new CountingVault();
    private final EncryptingSerializer serializer = new EncryptingSerializer(JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build(), vault);
    private final SealedEvents sealedEvents = new SealedEvents(null, serializer);

    private final StatementRecorded statement = new StatementRecorded(UUID.randomUUID(), UUID.randomUUID(),
            UUID.randomUUID(), true, "http://adlnet.gov/expapi/verbs/completed", "https://elearn.example/lesson",
            null, null, 60_000L, 80, true, Instant.parse("2026-12-07T01:00:00Z"),
            Instant.parse("2026-12-07T01:00:01Z"), "{\"actor\":{\"mbox\":\"mailto:ada@example.org\"}}", "42",
            "phone", "Firefox");

    @Test
    void personalFieldsReadAsReplacementsWithoutAnyKeyRead() {
        TrackedEventMessage<?> sealed = sealedEvents.sealed(stored(statement));
        vault.reads.set(0);

        StatementRecorded read = (StatementRecorded) sealed.getPayload();

        assertThat(read.statement()).isEqualTo("[erased]");
        assertThat(read.response()).isEqualTo("[erased]");
        assertThat(read.device()).isEqualTo("[erased]");
        assertThat(read.client()).isEqualTo("[erased]");
        assertThat(read.durationMillis()).isEqualTo(statement.durationMillis());
        assertThat(read.actorId()).isEqualTo(statement.actorId());
        assertThat(read.timestamp()).isEqualTo(statement.timestamp());
        assertThat(vault.reads).hasValue(0);
    }

    @Test
    void theStoredFormIsKeptForDeadLettersAndTheSequencingPolicy() {
        TrackedEventMessage<StatementRecorded> stored = stored(statement);
        byte[] bytes = stored.serializePayload(serializer, byte[].class).getData();
        TrackedEventMessage<?> sealed = sealedEvents.sealed(stored);
        sealed.getPayload();

        assertThat(sealed.serializePayload(serializer, byte[].class).getData()).isEqualTo(bytes);
        assertThat(sealed.getIdentifier()).isEqualTo(stored.getIdentifier());
        assertThat(sealed.trackingToken()).isEqualTo(stored.trackingToken());
        assertThat(sealed).isInstanceOf(DomainEventMessage.class);
        assertThat(sealed.getMetaData()).containsEntry("credential", "c-1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOpenedEventIsDecrypted() {
        TrackedEventMessage<StatementRecorded> sealed =
                (TrackedEventMessage<StatementRecorded>) sealedEvents.sealed(stored(statement));

        assertThat(sealedEvents.open(sealed)).isEqualTo(statement);
    }

    @Test
    void eventsWithoutPersonalDataAreLeftAsTheyAre() {
        Instant at = Instant.parse("2026-12-07T01:00:00Z");
        StatementVoided voided = new StatementVoided(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), true,
                UUID.randomUUID(), "http://adlnet.gov/expapi/verbs/completed", "https://elearn.example/lesson", null,
                null, 1000L, null, null, at, at, at);
        TrackedEventMessage<StatementVoided> stored = stored(voided);

        assertThat(sealedEvents.sealed(stored)).isSameAs(stored);
    }

    private <T> TrackedEventMessage<T> stored(T payload) {
        SerializedObject<byte[]> bytes = serializer.serialize(payload, byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(MetaData.with("credential", "c-1"), byte[].class);
        SerializedMessage<T> message = new SerializedMessage<>(UUID.randomUUID().toString(), bytes, metaData,
                serializer);
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(7), null,
                message.getIdentifier(), 0, message, () -> Instant.parse("2026-12-07T01:00:01Z"));
    }

    /** Keys in memory, counting every read. */
    private static final class CountingVault implements KeyVault {
        final Map<String, SecretKey> keys = new HashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public synchronized SecretKey keyForWriting(String subjectId) {
            return keys.computeIfAbsent(subjectId, id -> {
                try {
                    KeyGenerator generator = KeyGenerator.getInstance("AES");
                    generator.init(256);
                    return generator.generateKey();
                } catch (java.security.GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public synchronized Optional<SecretKey> keyForReading(String subjectId) {
            reads.incrementAndGet();
            return Optional.ofNullable(keys.get(subjectId));
        }

        @Override
        public void prepareKeysForReading(Collection<String> subjectIds) {
            reads.incrementAndGet();
        }

        @Override
        public boolean isErased(String subjectId) {
            return false;
        }

        @Override
        public void evict(String subjectId) {
        }
    }
}
