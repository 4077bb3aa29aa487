package org.elearn.query.course;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.course.CourseArchived;
import org.elearn.events.course.CourseDrafted;
import org.elearn.events.course.CoursePublished;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps {@code course_view}, idempotently by global index. */
@Component
@ProcessingGroup("courses")
class CourseProjection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    CourseProjection(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @EventHandler
    void on(CourseDrafted event, TrackingToken token) throws JsonProcessingException {
        jdbc.update("""
                INSERT INTO course_view (course_id, organization_id, instructor_id, title, description, language,
                                         sections, status, last_global_index)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, 'DRAFT', ?)
                ON CONFLICT (course_id) DO UPDATE
                   SET title = EXCLUDED.title, description = EXCLUDED.description, language = EXCLUDED.language,
                       sections = EXCLUDED.sections, last_global_index = EXCLUDED.last_global_index
                 WHERE course_view.last_global_index < EXCLUDED.last_global_index""",
                event.courseId(), event.organizationId(), event.instructorId(), event.title(), event.description(),
                event.language(), mapper.writeValueAsString(event.sections()), position(token));
    }

    @EventHandler
    void on(CoursePublished event, @org.axonframework.eventhandling.Timestamp Instant at, TrackingToken token) {
        jdbc.update("""
                UPDATE course_view SET status = 'PUBLISHED', published_at = ?, last_global_index = ?
                 WHERE course_id = ? AND last_global_index < ?""",
                Timestamp.from(at), position(token), event.courseId(), position(token));
    }

    @EventHandler
    void on(CourseArchived event, TrackingToken token) {
        jdbc.update("UPDATE course_view SET status = 'ARCHIVED', last_global_index = ? "
                + "WHERE course_id = ? AND last_global_index < ?", position(token), event.courseId(), position(token));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM course_view");
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow();
    }
}
