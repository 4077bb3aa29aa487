package org.elearn.command.course;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a published course out of the catalog. */
record ArchiveCourse(@TargetAggregateIdentifier UUID courseId) {
}
