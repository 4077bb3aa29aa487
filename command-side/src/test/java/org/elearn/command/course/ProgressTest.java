package org.elearn.command.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.elearn.events.course.AssessmentAttempted;
import org.elearn.events.course.AssignmentSubmitted;
import org.elearn.events.course.CertificateIssued;
import org.elearn.events.course.CourseCompleted;
import org.elearn.events.course.CourseStarted;
import org.elearn.events.course.EnrolmentSource;
import org.elearn.events.course.LessonCompleted;
import org.elearn.events.course.LessonKind;
import org.elearn.events.course.TraineeEnrolled;
import org.elearn.events.course.TraineeUnenrolled;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The progress rules of {@link Enrolment}. */
class ProgressTest {

    private final AggregateTestFixture<Enrolment> fixture = new AggregateTestFixture<>(Enrolment.class);
    private final UUID trainee = UUID.randomUUID();
    private final UUID course = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();
    private final UUID id = Enrolment.idOf(trainee, course);
    private final UUID video = UUID.randomUUID();
    private final UUID assignment = UUID.randomUUID();
    private final UUID exam = UUID.randomUUID();
    private final UUID optionalQuiz = UUID.randomUUID();
    private final Set<UUID> required = Set.of(video, assignment, exam);
    /** When the service stored the statements, and the time their client reported, a little earlier. */
    private final Instant at = Instant.parse("2026-11-25T10:00:00Z");
    private final Instant reported = Instant.parse("2026-11-25T09:59:30Z");
    private final TraineeEnrolled enrolled = new TraineeEnrolled(trainee, course, organization, EnrolmentSource.ASSIGNED);
    private final CourseStarted started = new CourseStarted(trainee, course, organization, at, reported);

    @BeforeEach
    void codes() {
        fixture.registerInjectableResource(new CertificateCodes());
    }

    private RecordProgress step(RecordProgress.Step step, UUID lesson, LessonKind kind, Integer passing, Integer score) {
        return new RecordProgress(id, step, lesson, kind, passing, score, "my answer", at, reported, required);
    }

    @Test
    void theFirstActivityStartsTheCourse() {
        fixture.given(enrolled).when(step(RecordProgress.Step.STARTED, null, null, null, null))
                .expectEvents(started).expectResultMessagePayload(true);
        fixture.given(enrolled, started).when(step(RecordProgress.Step.STARTED, null, null, null, null))
                .expectNoEvents();
    }

    @Test
    void activityWithoutEnrolmentChangesNothing() {
        fixture.given(enrolled, new TraineeUnenrolled(trainee, course, organization))
                .when(step(RecordProgress.Step.COMPLETED, video, LessonKind.VIDEO, null, null))
                .expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void aLessonIsCompletedOnceAndAnAssignmentSubmittedWithItsAnswers() {
        LessonCompleted completed = new LessonCompleted(trainee, course, organization, video, at, reported);
        fixture.given(enrolled, started).when(step(RecordProgress.Step.COMPLETED, video, LessonKind.VIDEO, null, null))
                .expectEvents(completed);
        fixture.given(enrolled, started, completed)
                .when(step(RecordProgress.Step.COMPLETED, video, LessonKind.VIDEO, null, null)).expectNoEvents();
        fixture.given(enrolled, started).when(step(RecordProgress.Step.PASSED, video, LessonKind.VIDEO, null, null))
                .expectNoEvents();
        fixture.given(enrolled, started)
                .when(step(RecordProgress.Step.COMPLETED, assignment, LessonKind.ASSIGNMENT, null, null))
                .expectEvents(new AssignmentSubmitted(trainee, course, organization, assignment, "my answer", at, reported));
    }

    @Test
    void anExamPassesOnItsPassingScoreWhateverTheVerbSays() {
        fixture.given(enrolled, started).when(step(RecordProgress.Step.PASSED, exam, LessonKind.EXAM, 80, 70))
                .expectEvents(new AssessmentAttempted(trainee, course, organization, exam, LessonKind.EXAM, 70, false, at, reported));
        fixture.given(enrolled, started).when(step(RecordProgress.Step.FAILED, exam, LessonKind.EXAM, 80, 80))
                .expectEvents(new AssessmentAttempted(trainee, course, organization, exam, LessonKind.EXAM, 80, true, at, reported));
        fixture.given(enrolled, started).when(step(RecordProgress.Step.PASSED, optionalQuiz, LessonKind.QUIZ, null, null))
                .expectEvents(new AssessmentAttempted(trainee, course, organization, optionalQuiz, LessonKind.QUIZ,
                        null, true, at, reported));
        fixture.given(enrolled, started).when(step(RecordProgress.Step.COMPLETED, exam, LessonKind.EXAM, 80, null))
                .expectNoEvents();
    }

    @Test
    void doingTheLastRequiredItemCompletesTheCourseAndIssuesACertificateOnce() {
        LessonCompleted watched = new LessonCompleted(trainee, course, organization, video, at, reported);
        AssignmentSubmitted handedIn = new AssignmentSubmitted(trainee, course, organization, assignment, "x", at, reported);
        AssessmentAttempted failed = new AssessmentAttempted(trainee, course, organization, exam, LessonKind.EXAM, 40,
                false, at, reported);
        fixture.given(enrolled, started, watched, failed)
                .when(step(RecordProgress.Step.COMPLETED, assignment, LessonKind.ASSIGNMENT, null, null))
                .expectEvents(new AssignmentSubmitted(trainee, course, organization, assignment, "my answer", at, reported));
        fixture.given(enrolled, started, watched, handedIn, failed)
                .when(step(RecordProgress.Step.PASSED, exam, LessonKind.EXAM, 80, 90))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.equalTo(new AssessmentAttempted(trainee, course, organization, exam,
                                        LessonKind.EXAM, 90, true, at, reported))),
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.equalTo(new CourseCompleted(trainee, course, organization, at, reported))),
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(CertificateIssued.class)),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
        fixture.given(enrolled, started, watched, handedIn,
                        new AssessmentAttempted(trainee, course, organization, exam, LessonKind.EXAM, 90, true, at, reported),
                        new CourseCompleted(trainee, course, organization, at, reported))
                .when(step(RecordProgress.Step.PASSED, optionalQuiz, LessonKind.QUIZ, null, 100))
                .expectEvents(new AssessmentAttempted(trainee, course, organization, optionalQuiz, LessonKind.QUIZ, 100,
                        true, at, reported));
    }

    @Test
    void aBackdatedStatementCompletesTheCourseAtItsStoredTimeWithTheClientTimeKeptAsReported() {
        Instant later = at.plusSeconds(3600);
        Instant backdated = Instant.parse("2020-01-01T00:00:00Z");
        LessonCompleted watched = new LessonCompleted(trainee, course, organization, video, at, reported);
        AssignmentSubmitted handedIn = new AssignmentSubmitted(trainee, course, organization, assignment, "x", at,
                reported);
        fixture.given(enrolled, started, watched, handedIn)
                .when(new RecordProgress(id, RecordProgress.Step.PASSED, exam, LessonKind.EXAM, 80, 90, null, later,
                        backdated, required))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.equalTo(new AssessmentAttempted(trainee, course, organization, exam,
                                        LessonKind.EXAM, 90, true, later, backdated))),
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.equalTo(new CourseCompleted(trainee, course, organization, later,
                                        backdated))),
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.axonframework.test.matchers.Matchers.<Object>matches(certificate ->
                                        certificate instanceof CertificateIssued issued
                                                && issued.issuedAt().equals(later) && !issued.issuedAt().isBefore(at)
                                                && issued.reportedAt().equals(backdated))),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void verificationCodesHaveTheDocumentedShapeAndDiffer() {
        CertificateCodes codes = new CertificateCodes();
        String first = codes.next();
        assertThat(first).matches(CertificateCodes.PATTERN);
        assertThat(codes.next()).isNotEqualTo(first);
    }
}
