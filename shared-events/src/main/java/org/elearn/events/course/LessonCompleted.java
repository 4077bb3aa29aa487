package org.elearn.events.course;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * An enrolled trainee completed a video or courseware lesson for the first time.
 *
 * @param traineeId the trainee
 * @param courseId the course
 * @param organizationId their organization
 * @param lessonId the lesson
 * @param completedAt when
 */
public record LessonCompleted(@DataSubjectId UUID traineeId, UUID courseId, UUID organizationId, UUID lessonId,
                              Instant completedAt) {

    /** Checks that every field is present. */
    public LessonCompleted {
        Objects.requireNonNull(traineeId, "traineeId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(lessonId, "lessonId");
        Objects.requireNonNull(completedAt, "completedAt");
    }
}
