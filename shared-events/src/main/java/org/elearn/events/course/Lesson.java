package org.elearn.events.course;

import java.util.Objects;
import java.util.UUID;

/**
 * One lesson of a course section.
 *
 * @param lessonId stable id of the lesson
 * @param title its title
 * @param kind what it is
 * @param contentUri where its content is (videos and courseware), else null
 * @param durationMinutes how long its content takes (videos and courseware), else null
 * @param passingScore the score (0-100) that passes an exam, else null
 * @param required whether completing the course needs it
 */
public record Lesson(UUID lessonId, String title, LessonKind kind, String contentUri, Integer durationMinutes,
                     Integer passingScore, boolean required) {

    /** Checks identity, title and kind. */
    public Lesson {
        Objects.requireNonNull(lessonId, "lessonId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(kind, "kind");
    }
}
