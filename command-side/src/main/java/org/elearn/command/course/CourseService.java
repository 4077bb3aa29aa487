package org.elearn.command.course;

import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.elearn.events.course.Lesson;
import org.elearn.events.course.LessonKind;
import org.elearn.events.course.Section;
import org.elearn.command.CommandErrors;
import org.elearn.support.errors.DomainException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Courses of an organization's instructors. Only the course's own instructor changes it; to anyone
 * outside the organization it does not exist. Blocking: call it off the event loop.
 */
@Service
record CourseService(JdbcTemplate jdbc, CommandGateway commands, TransactionTemplate tx) {

    record Content(String title, String description, String language, List<Section> sections) {
    }

    UUID create(UUID organizationId, UUID instructorId, Content content) {
        requireConsistent(content.sections());
        UUID courseId = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO course_directory (course_id, organization_id, instructor_id) VALUES (?, ?, ?)",
                    courseId, organizationId, instructorId);
            commands.sendAndWait(new DraftCourse(courseId, organizationId, instructorId, content.title(),
                    content.description(), content.language(), content.sections()));
            recordLessons(courseId, content.sections());
        });
        return courseId;
    }

    void revise(UUID organizationId, UUID courseId, UUID instructorId, Content content) {
        requireConsistent(content.sections());
        requireOwner(organizationId, courseId, instructorId);
        tx.executeWithoutResult(status -> {
            commands.sendAndWait(new ReviseDraft(courseId, content.title(), content.description(),
                    content.language(), content.sections()));
            recordLessons(courseId, content.sections());
        });
    }

    /** Keeps {@code course_lesson} equal to the draft, for progress to check against. */
    private void recordLessons(UUID courseId, List<Section> sections) {
        jdbc.update("DELETE FROM course_lesson WHERE course_id = ?", courseId);
        jdbc.batchUpdate("INSERT INTO course_lesson (course_id, lesson_id, kind, required, passing_score) "
                        + "VALUES (?, ?, ?, ?, ?)",
                sections.stream().flatMap(section -> section.lessons().stream())
                        .map(lesson -> new Object[] {courseId, lesson.lessonId(), lesson.kind().name(),
                                lesson.required(), lesson.passingScore()})
                        .toList());
    }

    void publish(UUID organizationId, UUID courseId, UUID instructorId) {
        requireOwner(organizationId, courseId, instructorId);
        tx.executeWithoutResult(status -> {
            commands.sendAndWait(new PublishCourse(courseId));
            jdbc.update("UPDATE course_directory SET status = 'PUBLISHED' WHERE course_id = ?", courseId);
        });
    }

    void archive(UUID organizationId, UUID courseId, UUID instructorId) {
        requireOwner(organizationId, courseId, instructorId);
        tx.executeWithoutResult(status -> {
            commands.sendAndWait(new ArchiveCourse(courseId));
            jdbc.update("UPDATE course_directory SET status = 'ARCHIVED' WHERE course_id = ?", courseId);
        });
    }

    private void requireOwner(UUID organizationId, UUID courseId, UUID instructorId) {
        List<UUID> owner = jdbc.queryForList(
                "SELECT instructor_id FROM course_directory WHERE course_id = ? AND organization_id = ?", UUID.class,
                courseId, organizationId);
        if (owner.isEmpty()) {
            throw CommandErrors.COURSE_NOT_FOUND.refusal("No course with this id.");
        }
        if (!owner.get(0).equals(instructorId)) {
            throw CommandErrors.FORBIDDEN.refusal("Only the course's instructor may change it.");
        }
    }

    /** Lesson ids are unique; content lessons need their content and duration, exams their passing score. */
    static void requireConsistent(List<Section> sections) {
        java.util.Set<UUID> ids = new java.util.HashSet<>();
        for (Section section : sections) {
            for (Lesson lesson : section.lessons()) {
                if (!ids.add(lesson.lessonId())) {
                    throw invalid("lesson ids must be unique within the course");
                }
                boolean content = lesson.kind() == LessonKind.VIDEO || lesson.kind() == LessonKind.COURSEWARE;
                if (content && (lesson.contentUri() == null || lesson.durationMinutes() == null)) {
                    throw invalid("a video or courseware lesson needs contentUri and durationMinutes");
                }
                if (lesson.kind() == LessonKind.EXAM && lesson.passingScore() == null) {
                    throw invalid("an exam needs a passingScore");
                }
            }
        }
    }

    private static DomainException invalid(String detail) {
        return CommandErrors.INVALID_LESSON.refusal(detail + ".");
    }
}
