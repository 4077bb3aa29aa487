package org.elearn.command.course;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.elearn.events.course.Section;

/** Replace a draft course's content. */
record ReviseDraft(@TargetAggregateIdentifier UUID courseId, String title, String description, String language,
                   List<Section> sections) {
}
