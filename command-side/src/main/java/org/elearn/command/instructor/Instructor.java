package org.elearn.command.instructor;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.elearn.events.instructor.InstructorProfileUpdated;
import org.elearn.events.instructor.InstructorRegistered;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * An instructor account, event-sourced. Its state holds personal data, so its snapshots do too:
 * the fields are marked, and snapshots go through the encrypting serializer like events.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Instructor {

    @AggregateIdentifier
    @DataSubjectId
    private UUID instructorId;
    @PersonalData
    private String name;
    @PersonalData
    private String email;
    @PersonalData
    private String phone;

    Instructor() {
        // for Axon and for snapshots: rebuilt from events
    }

    @CommandHandler
    Instructor(RegisterInstructor command) {
        apply(new InstructorRegistered(command.instructorId(), command.name(), command.email(), command.phone()));
    }

    @CommandHandler
    void handle(ChangeInstructorDetails command) {
        if (isUnchanged(command.name(), command.phone())) {
            return;
        }
        apply(new InstructorProfileUpdated(instructorId, command.name(), command.phone()));
    }

    private boolean isUnchanged(String newName, String newPhone) {
        return Objects.equals(name, newName) && Objects.equals(phone, newPhone);
    }

    @EventSourcingHandler
    void on(InstructorRegistered event) {
        this.instructorId = event.instructorId();
        this.name = event.name();
        this.email = event.email();
        this.phone = event.phone();
    }

    @EventSourcingHandler
    void on(InstructorProfileUpdated event) {
        this.name = event.name();
        this.phone = event.phone();
    }
}
