package org.elearn.command.course;

import static org.elearn.testsupport.Refusals.refusedWith;

import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.elearn.command.CommandErrors;
import org.elearn.events.course.CourseArchived;
import org.elearn.events.course.CourseDrafted;
import org.elearn.events.course.CoursePublished;
import org.elearn.events.course.Lesson;
import org.elearn.events.course.LessonKind;
import org.elearn.events.course.Section;
import org.junit.jupiter.api.Test;

class CourseTest {

    private final AggregateTestFixture<Course> fixture = new AggregateTestFixture<>(Course.class);
    private final UUID id = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();
    private final UUID instructor = UUID.randomUUID();
    private final List<Section> sections = List.of(new Section("Basics", List.of(
            new Lesson(UUID.randomUUID(), "Welcome", LessonKind.VIDEO, "https://v.example/1", 5, null, true))));
    private final CourseDrafted drafted = new CourseDrafted(id, organization, instructor, "Safety", "d", "en", sections);

    @Test
    void aDraftWithLessonsIsPublished() {
        fixture.given(drafted).when(new PublishCourse(id)).expectEvents(new CoursePublished(id, organization));
    }

    @Test
    void aDraftWithoutLessonsCannotBePublished() {
        fixture.given(new CourseDrafted(id, organization, instructor, "Empty", null, "en", List.of()))
                .when(new PublishCourse(id)).expectNoEvents().expectException(refusedWith(CommandErrors.COURSE_NOT_PUBLISHABLE));
    }

    @Test
    void onlyADraftCanBeRevised() {
        fixture.given(drafted).when(new ReviseDraft(id, "Safety 2", "d", "en", sections))
                .expectEvents(new CourseDrafted(id, organization, instructor, "Safety 2", "d", "en", sections));
        fixture.given(drafted, new CoursePublished(id, organization))
                .when(new ReviseDraft(id, "Too late", "d", "en", sections))
                .expectNoEvents().expectException(refusedWith(CommandErrors.COURSE_NOT_DRAFT));
    }

    @Test
    void onlyAPublishedCourseIsArchived() {
        fixture.given(drafted).when(new ArchiveCourse(id)).expectNoEvents().expectException(refusedWith(CommandErrors.COURSE_NOT_PUBLISHED));
        fixture.given(drafted, new CoursePublished(id, organization)).when(new ArchiveCourse(id))
                .expectEvents(new CourseArchived(id, organization));
    }
}
