package org.elearn.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.elearn.events.instructor.InstructorRegistered;
import org.junit.jupiter.api.Test;

class DataSubjectSequencingPolicyTest {

    record CourseCreated(UUID courseId, String title) {
    }

    private final DataSubjectSequencingPolicy policy = new DataSubjectSequencingPolicy();

    @Test
    void eventsAboutOneSubjectShareTheSequenceIdentifier() {
        UUID userId = UUID.randomUUID();

        Object registered = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(
                new InstructorRegistered(userId, "Ada Lovelace", "ada@example.org", null)));
        Object erased = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(
                new UserErased(userId, UUID.randomUUID())));

        assertThat(registered).isEqualTo(userId.toString());
        assertThat(erased).isEqualTo(userId.toString());
    }

    @Test
    void differentSubjectsGetDifferentSequenceIdentifiers() {
        Object first = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(
                new UserErased(UUID.randomUUID(), null)));
        Object second = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(
                new UserErased(UUID.randomUUID(), null)));

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void storedEventsAreSequencedFromTheirStoredJsonWithoutBeingDeserialized() {
        org.axonframework.serialization.json.JacksonSerializer serializer =
                org.axonframework.serialization.json.JacksonSerializer.defaultSerializer();
        UUID userId = UUID.randomUUID();
        org.axonframework.serialization.SerializedObject<byte[]> payload = serializer.serialize(
                new UserErased(userId, UUID.randomUUID()), byte[].class);
        org.axonframework.serialization.SerializedMessage<UserErased> stored =
                new org.axonframework.serialization.SerializedMessage<>("event-1", payload,
                        serializer.serialize(org.axonframework.messaging.MetaData.emptyInstance(), byte[].class),
                        serializer);
        var tracked = new org.axonframework.eventhandling.GenericTrackedDomainEventMessage<>(
                new org.axonframework.eventhandling.GlobalSequenceTrackingToken(1),
                new GenericDomainEventMessage<>("User", "aggregate-1", 0L, stored, java.time.Instant::now));

        assertThat(new DataSubjectSequencingPolicy(serializer).getSequenceIdentifierFor(tracked))
                .isEqualTo(userId.toString());
        assertThat(stored.isPayloadDeserialized()).isFalse();
        // the subject alone, for reading keys ahead, also without deserializing
        assertThat(new DataSubjectSequencingPolicy(serializer).storedSubject(tracked)).isEqualTo(userId.toString());
        assertThat(stored.isPayloadDeserialized()).isFalse();
        // events not read from the store, or read without the serializer, give none
        assertThat(policy.storedSubject(tracked)).isNull();
        assertThat(new DataSubjectSequencingPolicy(serializer).storedSubject(GenericEventMessage.asEventMessage(
                new UserErased(userId, null)))).isNull();
        // without the serializer it deserializes, and agrees
        assertThat(policy.getSequenceIdentifierFor(tracked)).isEqualTo(userId.toString());
    }

    @Test
    void eventWithoutSubjectFallsBackToAggregateOrdering() {
        UUID courseId = UUID.randomUUID();
        GenericDomainEventMessage<CourseCreated> message = new GenericDomainEventMessage<>(
                "Course", courseId.toString(), 0L, new CourseCreated(courseId, "Intro"));

        assertThat(policy.getSequenceIdentifierFor(message)).isEqualTo(courseId.toString());
    }
}
