package org.elearn.command.course;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.elearn.events.course.Section;

/** Create a course as a draft. */
record DraftCourse(@TargetAggregateIdentifier UUID courseId, UUID organizationId, UUID instructorId, String title,
                   String description, String language, List<Section> sections) {
}
