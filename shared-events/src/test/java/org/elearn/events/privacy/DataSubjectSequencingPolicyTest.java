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
    void eventWithoutSubjectFallsBackToAggregateOrdering() {
        UUID courseId = UUID.randomUUID();
        GenericDomainEventMessage<CourseCreated> message = new GenericDomainEventMessage<>(
                "Course", courseId.toString(), 0L, new CourseCreated(courseId, "Intro"));

        assertThat(policy.getSequenceIdentifierFor(message)).isEqualTo(courseId.toString());
    }
}
