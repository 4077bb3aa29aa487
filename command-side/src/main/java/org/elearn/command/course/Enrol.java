package org.elearn.command.course;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.elearn.events.course.EnrolmentSource;

/** Enrol a trainee in a course; answers whether this enrolled them (false if they already were). */
record Enrol(@TargetAggregateIdentifier UUID enrolmentId, UUID traineeId, UUID courseId, UUID organizationId,
             EnrolmentSource source) {
}
