package org.elearn.command.instructor;

import java.util.Objects;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a new instructor. The password is not part of it: it never enters the command bus. */
record RegisterInstructor(@TargetAggregateIdentifier UUID instructorId, String name, String email, String phone) {

    RegisterInstructor {
        Objects.requireNonNull(instructorId, "instructorId");
    }
}
