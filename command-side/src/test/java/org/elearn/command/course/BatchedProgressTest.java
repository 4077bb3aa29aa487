package org.elearn.command.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.elearn.command.CommandSideTest;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.course.AssignmentSubmitted;
import org.elearn.events.course.CertificateIssued;
import org.elearn.events.course.CourseCompleted;
import org.elearn.events.course.EnrolmentSource;
import org.elearn.events.course.Lesson;
import org.elearn.events.course.LessonKind;
import org.elearn.events.course.Section;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The {@code progress} processor handles a batch of statements as a whole: one read of the
 * enrolments it names, the progress applied in memory, one append at commit. Many statements for
 * several trainees and courses, handled as one batch, make the same progress as handled one by one;
 * a batch that fails and is delivered again makes it once.
 */
@CommandSideTest
class BatchedProgressTest {

    private static final String ADL = "http://adlnet.gov/expapi/verbs/";
    private static final String[] VERBS = {"launched", "completed", "passed", "failed", "experienced"};
    private static final int TRAINEES = 4;

    @Autowired
    ProgressFromStatements progress;
    @Autowired
    CourseService courses;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionManager transactions;

    private final UUID organization = UUID.randomUUID();
    private final UUID instructor = UUID.randomUUID();
    private final List<UUID> courseIds = new ArrayList<>();
    /** Each course's lessons: video, assignment, exam (required), quiz (optional). */
    private final Map<UUID, List<UUID>> lessons = new LinkedHashMap<>();
    private final Instant start = Instant.parse("2026-12-01T08:00:00Z");

    /** One statement of the script, about trainee {@code trainee} of whichever group runs it. */
    private record Step(int trainee, int course, int lesson, String verb, Integer score, boolean member) {
    }

    @BeforeEach
    void twoPublishedCourses() {
        for (int c = 0; c < 2; c++) {
            List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
            UUID course = courses.create(organization, instructor, new CourseService.Content("Course " + c, "", "en",
                    List.of(new Section("All", List.of(
                            new Lesson(ids.get(0), "Video", LessonKind.VIDEO, "https://cdn.example/v.mp4", 5, null, true),
                            new Lesson(ids.get(1), "Essay", LessonKind.ASSIGNMENT, null, null, null, true),
                            new Lesson(ids.get(2), "Exam", LessonKind.EXAM, null, null, 80, true),
                            new Lesson(ids.get(3), "Quiz", LessonKind.QUIZ, null, null, null, false))))));
            courses.publish(organization, course, instructor);
            courseIds.add(course);
            lessons.put(course, ids);
        }
    }

    /**
     * A script over four trainees and two courses: trainee 3 is enrolled in the first course only,
     * trainee 2 left the second; a visitor's statements, unmapped verbs, unknown lessons and the
     * course itself are mixed in; trainee 0 does everything the first course requires.
     */
    private static List<Step> script() {
        Random random = new Random(20261207);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            steps.add(new Step(random.nextInt(TRAINEES), random.nextInt(2), random.nextInt(6) - 1,
                    VERBS[random.nextInt(VERBS.length)], random.nextInt(3) == 0 ? null : 40 + random.nextInt(61),
                    random.nextInt(20) != 0));
        }
        steps.add(new Step(0, 0, 0, "completed", null, true));
        steps.add(new Step(0, 0, 1, "completed", null, true));
        steps.add(new Step(0, 0, 2, "failed", 50, true));
        steps.add(new Step(0, 0, 2, "passed", 95, true));
        steps.add(new Step(0, 0, 3, "passed", null, true));
        return steps;
    }

    /** A group of trainees running the script, enrolled as it says. */
    private List<UUID> enrolledGroup() {
        List<UUID> trainees = new ArrayList<>();
        for (int t = 0; t < TRAINEES; t++) {
            UUID trainee = UUID.randomUUID();
            trainees.add(trainee);
            for (int c = 0; c < 2; c++) {
                if (t == 3 && c == 1) {
                    continue;
                }
                UUID enrolment = Enrolment.idOf(trainee, courseIds.get(c));
                commands.sendAndWait(new Enrol(enrolment, trainee, courseIds.get(c), organization,
                        EnrolmentSource.ASSIGNED));
                if (t == 2 && c == 1) {
                    commands.sendAndWait(new Unenrol(enrolment));
                }
            }
        }
        return trainees;
    }

    /** The script's statements as the processor reads them, about this group. */
    private List<EventMessage<?>> statements(List<UUID> trainees) {
        List<EventMessage<?>> messages = new ArrayList<>();
        List<Step> steps = script();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            UUID course = courseIds.get(step.course());
            UUID lesson = step.lesson() < 0 ? null
                    : step.lesson() < 4 ? lessons.get(course).get(step.lesson()) : UUID.randomUUID();
            Instant stored = start.plusSeconds(i);
            StatementRecorded statement = new StatementRecorded(UUID.randomUUID(), organization,
                    trainees.get(step.trainee()), step.member(), ADL + step.verb(),
                    "https://lms.example/courses/" + course + (lesson == null ? "" : "/lessons/" + lesson), course, lesson,
                    null, step.score(), null, stored.minusSeconds(30), stored, "{\"the\":\"statement\"}",
                    "answer " + i, null, null);
            messages.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(i),
                    GenericEventMessage.asEventMessage(statement)));
        }
        return messages;
    }

    /** Handles the statements as one processor batch: one unit of work, one transaction. */
    private void handleAsOneBatch(List<EventMessage<?>> batch, boolean failAtTheEnd) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.attachTransaction(transactions);
        EventMessage<?> last = batch.get(batch.size() - 1);
        unitOfWork.executeWithResult(() -> {
            @SuppressWarnings("unchecked")
            EventMessage<StatementRecorded> message = (EventMessage<StatementRecorded>) CurrentUnitOfWork.get()
                    .getMessage();
            progress.on(message.getPayload(), message);
            if (failAtTheEnd && message == last) {
                throw new IllegalStateException("the batch fails after its last statement");
            }
            return null;
        });
    }

    /** Every progress event of the group, in order per enrolment, its trainee named by its place in the script. */
    private List<String> progressOf(List<UUID> trainees) {
        List<String> seen = new ArrayList<>();
        for (int t = 0; t < TRAINEES; t++) {
            for (UUID course : courseIds) {
                var events = eventStore.readEvents(Enrolment.idOf(trainees.get(t), course).toString());
                while (events.hasNext()) {
                    DomainEventMessage<?> event = events.next();
                    Object payload = event.getPayload();
                    String shown = payload instanceof CertificateIssued issued
                            ? "CertificateIssued[" + issued.courseId() + ", " + issued.issuedAt() + ", "
                              + issued.reportedAt() + "]"
                            : payload.toString();
                    seen.add(event.getSequenceNumber() + " " + shown.replace(trainees.get(t).toString(), "trainee" + t));
                }
            }
        }
        return seen;
    }

    @Test
    void aBatchOfManyStatementsMakesTheSameProgressAsOneByOne() {
        List<UUID> batched = enrolledGroup();
        List<UUID> oneByOne = enrolledGroup();

        handleAsOneBatch(statements(batched), false);
        for (EventMessage<?> statement : statements(oneByOne)) {
            handleAsOneBatch(List.of(statement), false);
        }

        List<String> progress = progressOf(batched);
        assertThat(progress).isEqualTo(progressOf(oneByOne));
        assertThat(progress).filteredOn(e -> e.contains("CourseStarted")).hasSizeGreaterThan(TRAINEES);
        assertThat(progress).filteredOn(e -> e.contains("trainee0") && e.contains(courseIds.get(0).toString())
                && e.contains(CourseCompleted.class.getSimpleName())).hasSize(1);
        assertThat(progress).filteredOn(e -> e.contains("trainee3") && e.contains(courseIds.get(1).toString()))
                .as("not enrolled: no progress").isEmpty();
        assertThat(progress).filteredOn(e -> e.startsWith("CertificateIssued", e.indexOf(' ') + 1)).isNotEmpty();
        assertThat(eventsOf(batched.get(0), courseIds.get(0))).filteredOn(AssignmentSubmitted.class::isInstance)
                .map(e -> ((AssignmentSubmitted) e).answers()).as("the answer, opened for its submission")
                .allMatch(answer -> answer.startsWith("answer "));
    }

    @Test
    void aBatchDeliveredAgainAfterFailingMakesItsProgressOnce() {
        List<UUID> once = enrolledGroup();
        List<UUID> redelivered = enrolledGroup();
        handleAsOneBatch(statements(once), false);

        handleAsOneBatch(statements(redelivered), true);
        assertThat(progressOf(redelivered)).as("the failed batch left nothing")
                .allMatch(e -> e.contains("TraineeEnrolled") || e.contains("TraineeUnenrolled"));
        handleAsOneBatch(statements(redelivered), false);

        assertThat(progressOf(redelivered)).isEqualTo(progressOf(once))
                .filteredOn(e -> e.contains(CourseCompleted.class.getSimpleName())).hasSize(1);
    }

    private List<Object> eventsOf(UUID trainee, UUID course) {
        List<Object> payloads = new ArrayList<>();
        eventStore.readEvents(Enrolment.idOf(trainee, course).toString()).asStream()
                .forEach(event -> payloads.add(event.getPayload()));
        return payloads;
    }
}
