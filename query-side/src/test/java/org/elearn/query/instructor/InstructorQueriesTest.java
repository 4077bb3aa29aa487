package org.elearn.query.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.events.instructor.InstructorPublicProfileEdited;
import org.elearn.events.instructor.InstructorRegistered;
import org.elearn.query.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link InstructorQueries} on a real database, fed by the projection: the public profile through
 * R2DBC and the same row through JDBC, their sealed fields opened (the social links as JSON), the
 * instructor's own view, and the JSON field names the API has always shown.
 */
@QuerySideTest
class InstructorQueriesTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    InstructorQueries instructors;
    @Autowired
    ObjectMapper mapper;

    @Test
    void readsAndOpensTheProfile() {
        UUID instructor = UUID.randomUUID();
        eventStore.publish(new GenericDomainEventMessage<>("Instructor", instructor.toString(), 0,
                new InstructorRegistered(instructor, "Ines Teach", "ines@example.org", "+351 21 000 0000")));
        eventStore.publish(new GenericDomainEventMessage<>("Instructor", instructor.toString(), 1,
                new InstructorPublicProfileEdited(instructor, null, null, "Hello", "Algebra teacher", null, "en",
                        null, List.of("https://social.example/ines"), "PT", null)));
        await().atMost(Duration.ofSeconds(60)).until(() -> instructors.profile(instructor).blockOptional()
                .map(profile -> "Algebra teacher".equals(profile.headline())).orElse(false));

        InstructorProfile profile = instructors.profile(instructor).block();
        assertThat(profile.name()).isEqualTo("Ines Teach");
        assertThat(profile.socialLinks().get(0).asText()).isEqualTo("https://social.example/ines");
        assertThat(profile.workExperience()).isNull();
        assertThat(instructors.profileNow(instructor)).contains(profile);
        assertThat(instructors.ownNow(instructor)).contains(
                new InstructorQueries.OwnInstructor("Ines Teach", "+351 21 000 0000", "Algebra teacher", "Hello", "en", "PT"));
        assertThat(instructors.profile(UUID.randomUUID()).blockOptional()).isEmpty();
        assertThat(instructors.ownNow(UUID.randomUUID())).isEmpty();
        assertThat(fields(instructors.ownNow(instructor).orElseThrow())).containsExactly("name", "phone", "headline",
                "introduction", "language", "country");
        // the public profile never has it
        assertThat(fields(profile)).doesNotContain("phone");
    }

    private List<String> fields(Object value) {
        List<String> names = new ArrayList<>();
        mapper.valueToTree(value).fieldNames().forEachRemaining(names::add);
        return names;
    }
}
