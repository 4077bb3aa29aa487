package org.elearn.events.course;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An instructor created a course, or changed its draft: the whole content as it now stands.
 *
 * @param courseId the course
 * @param organizationId the organization it belongs to
 * @param instructorId the instructor who owns it
 * @param title its title
 * @param description what it teaches
 * @param language the language it is taught in (BCP 47)
 * @param sections its sections, in order
 */
public record CourseDrafted(UUID courseId, UUID organizationId, UUID instructorId, String title, String description,
                            String language, List<Section> sections) {

    /** Checks the identities and title, and copies the sections. */
    public CourseDrafted {
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(instructorId, "instructorId");
        Objects.requireNonNull(title, "title");
        sections = sections == null ? List.of() : List.copyOf(sections);
    }
}
