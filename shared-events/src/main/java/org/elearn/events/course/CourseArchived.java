package org.elearn.events.course;

import java.util.Objects;
import java.util.UUID;

/**
 * A published course was archived: it leaves the catalog.
 *
 * @param courseId the course
 * @param organizationId its organization
 */
public record CourseArchived(UUID courseId, UUID organizationId) {

    /** Checks that both ids are present. */
    public CourseArchived {
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
    }
}
