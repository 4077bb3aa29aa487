package org.elearn.command.instructor;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.elearn.events.instructor.WorkExperience;

/** Set what an instructor's public profile shows. */
record EditPublicProfile(@TargetAggregateIdentifier UUID instructorId, String avatarUri, String gender,
                         String introduction, String headline, String biography, String language, String website,
                         List<String> socialLinks, String country, List<WorkExperience> workExperience) {
}
