package org.elearn.query.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elearn.query.projection.ProjectionTests.at;
import static org.elearn.query.projection.ProjectionTests.count;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.events.course.CourseArchived;
import org.elearn.events.course.CourseDrafted;
import org.elearn.events.course.CoursePublished;
import org.elearn.events.course.Lesson;
import org.elearn.events.course.LessonKind;
import org.elearn.events.course.Section;
import org.elearn.query.projection.ProjectionTests;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The course projection's handlers, called directly, on a real PostgreSQL. */
class CourseProjectionTest {

    private static final JdbcTemplate JDBC = ProjectionTests.migratedDatabase();

    private final CourseProjection projection = new CourseProjection(JDBC, new ObjectMapper());
    private final UUID course = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();
    private final UUID instructor = UUID.randomUUID();

    private CourseDrafted drafted(String title) throws Exception {
        Lesson lesson = new Lesson(UUID.randomUUID(), "Welcome", LessonKind.VIDEO, "https://example.com/v", 5, null,
                true);
        return new CourseDrafted(course, organization, instructor, title, "What it teaches", "en",
                List.of(new Section("Start", List.of(lesson))));
    }

    private Map<String, Object> row() {
        return JDBC.queryForMap("SELECT title, status, published_at, last_global_index, sections::text AS sections"
                + " FROM course_view WHERE course_id = ?", course);
    }

    @Test
    void aDraftIsListedAsADraftWithItsSections() throws Exception {
        projection.on(drafted("Intro"), at(10));

        assertThat(row()).containsEntry("title", "Intro").containsEntry("status", "DRAFT")
                .containsEntry("last_global_index", 10L);
        assertThat((String) row().get("sections")).contains("Welcome");
    }

    @Test
    void aLaterDraftChangesTheTextAndPublishingAndArchivingMoveTheStatus() throws Exception {
        Instant published = Instant.parse("2026-03-01T10:00:00Z");
        projection.on(drafted("Intro"), at(10));
        projection.on(drafted("Introduction"), at(11));
        projection.on(new CoursePublished(course, organization), published, at(12));
        assertThat(row()).containsEntry("title", "Introduction").containsEntry("status", "PUBLISHED");
        assertThat(((java.sql.Timestamp) row().get("published_at")).toInstant()).isEqualTo(published);

        projection.on(new CourseArchived(course, organization), at(13));

        assertThat(row()).containsEntry("status", "ARCHIVED").containsEntry("last_global_index", 13L);
    }

    @Test
    void anEventDeliveredAgainChangesNothing() throws Exception {
        projection.on(drafted("Intro"), at(10));
        projection.on(drafted("Introduction"), at(11));
        projection.on(new CourseArchived(course, organization), at(13));
        Map<String, Object> before = row();

        projection.on(drafted("Intro"), at(10));
        projection.on(new CoursePublished(course, organization), Instant.now(), at(12));
        projection.on(new CourseArchived(course, organization), at(13));

        assertThat(row()).isEqualTo(before);
    }

    @Test
    void theInstructorsErasureLeavesTheirCourse() throws Exception {
        projection.on(drafted("Intro"), at(10));

        projection.erase(instructor);

        assertThat(count(JDBC, "course_view", "course_id = ? AND instructor_id = ?", course, instructor))
                .isEqualTo(1);
    }

    @Test
    void aResetEmptiesTheTable() throws Exception {
        projection.on(drafted("Intro"), at(10));

        ProjectionTests.resetAsAxonDoes(projection);

        assertThat(count(JDBC, "course_view", "true")).isZero();
    }
}
