package org.elearn.query.course;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.course.CourseArchived;
import org.elearn.events.course.CourseDrafted;
import org.elearn.events.course.CoursePublished;
import org.elearn.query.projection.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code course_view}, idempotently by global index. A course is about no data subject: its
 * row names its instructor by id only, as the events do, so an erasure leaves it as it is.
 */
@Component
@ProcessingGroup("courses")
class CourseProjection extends Projection {

    private final ObjectMapper mapper;

    CourseProjection(JdbcTemplate jdbc, ObjectMapper mapper) {
        super(jdbc, List.of("course_view"));
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

    /** Courses outlive their instructor's erasure; their rows hold nothing personal. */
    @Override
    public void erase(UUID subjectId) {
    }
}
