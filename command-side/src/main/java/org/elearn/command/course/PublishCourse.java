package org.elearn.command.course;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publish a draft course to the organization's catalog. */
record PublishCourse(@TargetAggregateIdentifier UUID courseId) {
}
