package org.elearn.events.course;

import java.util.Objects;
import java.util.UUID;

/**
 * A draft course was published: its content is final and the organization's catalog lists it.
 *
 * @param courseId the course
 * @param organizationId its organization
 */
public record CoursePublished(UUID courseId, UUID organizationId) {

    /** Checks that both ids are present. */
    public CoursePublished {
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
    }
}
