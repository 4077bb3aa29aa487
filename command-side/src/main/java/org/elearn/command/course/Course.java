package org.elearn.command.course;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.elearn.events.course.CourseArchived;
import org.elearn.events.course.CourseDrafted;
import org.elearn.events.course.CoursePublished;
import org.elearn.command.CommandErrors;

/** A course: editable while a draft, then published, then archived. */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Course {

    enum Status { DRAFT, PUBLISHED, ARCHIVED }

    @AggregateIdentifier
    private UUID courseId;
    private UUID organizationId;
    private UUID instructorId;
    private int lessons;
    private Status status;

    Course() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Course(DraftCourse command) {
        apply(new CourseDrafted(command.courseId(), command.organizationId(), command.instructorId(), command.title(),
                command.description(), command.language(), command.sections()));
    }

    @CommandHandler
    void handle(ReviseDraft command) {
        if (status != Status.DRAFT) {
            throw CommandErrors.COURSE_NOT_DRAFT.refusal("Only a draft course can be edited.");
        }
        apply(new CourseDrafted(courseId, organizationId, instructorId, command.title(), command.description(),
                command.language(), command.sections()));
    }

    @CommandHandler
    void handle(PublishCourse command) {
        if (!isPublishable()) {
            throw CommandErrors.COURSE_NOT_PUBLISHABLE.refusal(
                    status == Status.DRAFT ? "A course needs at least one lesson to be published."
                            : "Only a draft course can be published.");
        }
        apply(new CoursePublished(courseId, organizationId));
    }

    @CommandHandler
    void handle(ArchiveCourse command) {
        if (status != Status.PUBLISHED) {
            throw CommandErrors.COURSE_NOT_PUBLISHED.refusal("Only a published course can be archived.");
        }
        apply(new CourseArchived(courseId, organizationId));
    }

    boolean isPublishable() {
        return status == Status.DRAFT && lessons > 0;
    }

    @EventSourcingHandler
    void on(CourseDrafted event) {
        this.courseId = event.courseId();
        this.organizationId = event.organizationId();
        this.instructorId = event.instructorId();
        this.lessons = event.sections().stream().mapToInt(s -> s.lessons().size()).sum();
        this.status = Status.DRAFT;
    }

    @EventSourcingHandler
    void on(CoursePublished event) {
        this.status = Status.PUBLISHED;
    }

    @EventSourcingHandler
    void on(CourseArchived event) {
        this.status = Status.ARCHIVED;
    }
}
