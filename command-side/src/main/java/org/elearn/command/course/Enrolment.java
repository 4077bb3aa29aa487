package org.elearn.command.course;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.elearn.events.course.TraineeEnrolled;
import org.elearn.events.course.TraineeUnenrolled;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** One trainee in one course: enrolled, or not (any more). Its id is derived from the pair. */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Enrolment {

    @AggregateIdentifier
    private UUID enrolmentId;
    @DataSubjectId
    private UUID traineeId;
    private UUID courseId;
    private UUID organizationId;
    private boolean enrolled;

    Enrolment() {
        // for Axon: rebuilt from events
    }

    static UUID idOf(UUID traineeId, UUID courseId) {
        return UUID.nameUUIDFromBytes(("enrolment:" + traineeId + ":" + courseId).getBytes(StandardCharsets.UTF_8));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(Enrol command) {
        if (enrolled) {
            return false;
        }
        apply(new TraineeEnrolled(command.traineeId(), command.courseId(), command.organizationId(), command.source()));
        return true;
    }

    @CommandHandler
    void handle(Unenrol command) {
        if (!enrolled) {
            throw new ApiException(HttpStatus.CONFLICT, "not-enrolled", "You are not enrolled in this course.");
        }
        apply(new TraineeUnenrolled(traineeId, courseId, organizationId));
    }

    @EventSourcingHandler
    void on(TraineeEnrolled event) {
        this.enrolmentId = idOf(event.traineeId(), event.courseId());
        this.traineeId = event.traineeId();
        this.courseId = event.courseId();
        this.organizationId = event.organizationId();
        this.enrolled = true;
    }

    @EventSourcingHandler
    void on(TraineeUnenrolled event) {
        this.enrolled = false;
    }
}
