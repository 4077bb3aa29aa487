package org.elearn.command.course;

import static org.elearn.testsupport.Refusals.refusedWith;

import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.elearn.command.CommandErrors;
import org.elearn.events.course.EnrolmentSource;
import org.elearn.events.course.TraineeEnrolled;
import org.elearn.events.course.TraineeUnenrolled;
import org.junit.jupiter.api.Test;

class EnrolmentTest {

    private final AggregateTestFixture<Enrolment> fixture = new AggregateTestFixture<>(Enrolment.class);
    private final UUID trainee = UUID.randomUUID();
    private final UUID course = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();
    private final UUID id = Enrolment.idOf(trainee, course);
    private final TraineeEnrolled enrolled = new TraineeEnrolled(trainee, course, organization, EnrolmentSource.ASSIGNED);

    @Test
    void enrollingANewTraineeRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(new Enrol(id, trainee, course, organization, EnrolmentSource.ASSIGNED))
                .expectEvents(enrolled).expectResultMessagePayload(true);
    }

    @Test
    void enrollingAgainChangesNothing() {
        fixture.given(enrolled)
                .when(new Enrol(id, trainee, course, organization, EnrolmentSource.SUBSCRIBED))
                .expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void leavingNeedsAnEnrolmentAndAllowsComingBack() {
        fixture.given(enrolled).when(new Unenrol(id))
                .expectEvents(new TraineeUnenrolled(trainee, course, organization));
        fixture.given(enrolled, new TraineeUnenrolled(trainee, course, organization)).when(new Unenrol(id))
                .expectNoEvents().expectException(refusedWith(CommandErrors.NOT_ENROLLED));
        fixture.given(enrolled, new TraineeUnenrolled(trainee, course, organization))
                .when(new Enrol(id, trainee, course, organization, EnrolmentSource.SUBSCRIBED))
                .expectEvents(new TraineeEnrolled(trainee, course, organization, EnrolmentSource.SUBSCRIBED));
    }
}
