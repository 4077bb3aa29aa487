package org.elearn.events.course;

import java.util.List;
import java.util.Objects;

/**
 * A section of a course: a titled, ordered group of lessons.
 *
 * @param title the section's title
 * @param lessons its lessons, in order
 */
public record Section(String title, List<Lesson> lessons) {

    /** Checks the title and copies the lessons. */
    public Section {
        Objects.requireNonNull(title, "title");
        lessons = lessons == null ? List.of() : List.copyOf(lessons);
    }
}
