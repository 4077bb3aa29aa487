package org.elearn.command.instructor;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.elearn.events.instructor.InstructorRegistered;

/** An instructor account: event-sourced from {@link InstructorRegistered} onwards. */
@Aggregate
class Instructor {

    @AggregateIdentifier
    private UUID instructorId;

    Instructor() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Instructor(RegisterInstructor command) {
        apply(new InstructorRegistered(command.instructorId(), command.name(), command.email(), command.phone()));
    }

    @EventSourcingHandler
    void on(InstructorRegistered event) {
        this.instructorId = event.instructorId();
    }
}
