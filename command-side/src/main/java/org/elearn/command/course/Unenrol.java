package org.elearn.command.course;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A trainee leaves a course. */
record Unenrol(@TargetAggregateIdentifier UUID enrolmentId) {
}
