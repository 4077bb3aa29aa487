package org.elearn.command.course;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.course.LessonKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Derives progress from members' activity statements (the verb mapping is in {@link VerbMapping}):
 * a statement about a published course of the member's organization, or one of its lessons, becomes
 * a {@link RecordProgress} on the member's enrolment. Statements of non-members, about other
 * organizations' courses, with unmapped verbs, or of trainees not enrolled change nothing.
 */
@Component
@ProcessingGroup("progress")
class ProgressFromStatements {

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;

    ProgressFromStatements(JdbcTemplate jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    private record LessonRule(LessonKind kind, boolean required, Integer passingScore) {
    }

    @EventHandler
    void on(StatementRecorded statement) {
        if (!statement.member() || statement.courseId() == null) {
            return;
        }
        Optional<RecordProgress.Step> step = VerbMapping.step(statement.verbId());
        if (step.isEmpty() || !isPublishedIn(statement.courseId(), statement.organizationId())) {
            return;
        }
        Map<UUID, LessonRule> lessons = lessons(statement.courseId());
        LessonRule lesson = statement.lessonId() == null ? null : lessons.get(statement.lessonId());
        if (statement.lessonId() != null && lesson == null) {
            return; // not a lesson of this course
        }
        Set<UUID> required = lessons.entrySet().stream().filter(e -> e.getValue().required())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        try {
            commands.sendAndWait(new RecordProgress(Enrolment.idOf(statement.actorId(), statement.courseId()),
                    step.get(), lesson == null ? null : statement.lessonId(), lesson == null ? null : lesson.kind(),
                    lesson == null ? null : lesson.passingScore(), statement.score(), statement.response(),
                    statement.timestamp(), required));
        } catch (AggregateNotFoundException notEnrolled) {
            // activity on a course the member never enrolled in: kept as a statement, no progress
        }
    }

    private boolean isPublishedIn(UUID courseId, UUID organizationId) {
        List<String> status = jdbc.queryForList(
                "SELECT status FROM course_directory WHERE course_id = ? AND organization_id = ?", String.class,
                courseId, organizationId);
        return status.size() == 1 && "PUBLISHED".equals(status.get(0));
    }

    private Map<UUID, LessonRule> lessons(UUID courseId) {
        return jdbc.query("SELECT lesson_id, kind, required, passing_score FROM course_lesson WHERE course_id = ?",
                        (rs, n) -> Map.entry(rs.getObject(1, UUID.class), new LessonRule(
                                LessonKind.valueOf(rs.getString(2)), rs.getBoolean(3),
                                (Integer) rs.getObject(4))), courseId)
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
