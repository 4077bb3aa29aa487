package org.elearn.command.instructor;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change an instructor's public name and contact phone. */
record ChangeInstructorDetails(@TargetAggregateIdentifier UUID instructorId, String name, String phone) {
}
