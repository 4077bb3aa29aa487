package org.elearn.command.instructor;

import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.elearn.events.instructor.InstructorRegistered;
import org.junit.jupiter.api.Test;

class InstructorTest {

    private final AggregateTestFixture<Instructor> fixture = new AggregateTestFixture<>(Instructor.class);

    @Test
    void registeringAnInstructorRecordsInstructorRegistered() {
        UUID id = UUID.randomUUID();
        fixture.givenNoPriorActivity()
                .when(new RegisterInstructor(id, "Ada Lovelace", "ada@example.com", "+44 20 7946 0000"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new InstructorRegistered(id, "Ada Lovelace", "ada@example.com", "+44 20 7946 0000"));
    }
}
