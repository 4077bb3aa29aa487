package org.elearn.query.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.events.course.CertificateIssued;
import org.elearn.events.course.CourseCompleted;
import org.elearn.events.course.CourseDrafted;
import org.elearn.events.course.CoursePublished;
import org.elearn.events.course.CourseStarted;
import org.elearn.events.course.EnrolmentSource;
import org.elearn.events.course.Lesson;
import org.elearn.events.course.LessonCompleted;
import org.elearn.events.course.LessonKind;
import org.elearn.events.course.Section;
import org.elearn.events.course.TraineeEnrolled;
import org.elearn.query.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link CourseQueries} on a real database, fed by the projections: the catalog holds only
 * published courses, a draft is still found by id, a trainee's enrolment carries its progress and
 * certificate, a certificate is found by its code, the export rows hold every column, and the
 * records show the JSON field names the API has always shown.
 */
@QuerySideTest
class CourseQueriesTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    CourseQueries courses;
    @Autowired
    ObjectMapper mapper;

    @Test
    void readsCatalogEnrolmentsAndCertificates() {
        UUID organization = UUID.randomUUID();
        UUID instructor = UUID.randomUUID();
        UUID published = UUID.randomUUID();
        UUID draft = UUID.randomUUID();
        UUID trainee = UUID.randomUUID();
        UUID lesson = UUID.randomUUID();
        String code = "7KQ2-M9XD-" + trainee.toString().substring(0, 4).toUpperCase() + "-PB6W";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Section> sections = List.of(new Section("Basics", List.of(new Lesson(lesson, "Intro", LessonKind.VIDEO,
                "https://videos.example/intro", 5, null, true))));
        publish("Course", published, 0, new CourseDrafted(published, organization, instructor, "Algebra", "Numbers",
                "en", sections));
        publish("Course", published, 1, new CoursePublished(published, organization));
        publish("Course", draft, 0, new CourseDrafted(draft, organization, instructor, "Zoology", null, "en",
                sections));
        publish("Trainee", trainee, 0, new TraineeEnrolled(trainee, published, organization, EnrolmentSource.ASSIGNED));
        publish("Trainee", trainee, 1, new CourseStarted(trainee, published, organization, now, now.minusSeconds(60)));
        publish("Trainee", trainee, 2, new LessonCompleted(trainee, published, organization, lesson, now, now));
        publish("Trainee", trainee, 3, new CourseCompleted(trainee, published, organization, now, now));
        publish("Trainee", trainee, 4, new CertificateIssued(UUID.randomUUID(), trainee, published, organization, code,
                now, now.minusSeconds(5)));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<CourseQueries.Enrolment> enrolments = courses.enrolments(trainee).collectList().block();
            return enrolments.size() == 1 && code.equals(enrolments.get(0).certificateCode())
                    && enrolments.get(0).lessonsDone() == 1 && "Algebra".equals(enrolments.get(0).title())
                    && courses.catalog(organization).hasElements().block()
                    && courses.course(organization, draft).hasElement().block();
        });

        List<CourseQueries.Course> catalog = courses.catalog(organization).collectList().block();
        assertThat(catalog).extracting(CourseQueries.Course::courseId).containsExactly(published);
        CourseQueries.Course algebra = catalog.get(0);
        assertThat(algebra.status()).isEqualTo("PUBLISHED");
        assertThat(algebra.publishedAt()).isNotNull();
        assertThat(algebra.sections().get(0).get("title").asText()).isEqualTo("Basics");
        assertThat(courses.course(organization, draft).block()).satisfies(course -> {
            assertThat(course.status()).isEqualTo("DRAFT");
            assertThat(course.instructorId()).isEqualTo(instructor);
            assertThat(course.publishedAt()).isNull();
        });
        assertThat(courses.course(UUID.randomUUID(), draft).blockOptional()).isEmpty();

        CourseQueries.Enrolment enrolment = courses.enrolments(trainee).blockFirst();
        assertThat(enrolment.source()).isEqualTo("ASSIGNED");
        assertThat(enrolment.startedAt()).isEqualTo(now);
        assertThat(enrolment.startedReportedAt()).isEqualTo(now.minusSeconds(60));
        assertThat(enrolment.completedAt()).isEqualTo(now);

        assertThat(courses.certificate(code).block()).satisfies(certificate -> {
            assertThat(certificate.courseTitle()).isEqualTo("Algebra");
            assertThat(certificate.traineeId()).isEqualTo(trainee);
            assertThat(certificate.completedReportedAt()).isEqualTo(now.minusSeconds(5));
        });
        assertThat(courses.certificate("2222-2222-2222-2222").blockOptional()).isEmpty();

        assertThat(courses.coursesOfInstructorNow(instructor)).extracting(CourseQueries.CourseRecord::title)
                .containsExactly("Algebra", "Zoology");
        assertThat(courses.enrolmentsOfTraineeNow(trainee)).singleElement()
                .satisfies(row -> assertThat(row.courseTitle()).isEqualTo("Algebra"));
        assertThat(courses.lessonProgressOfTraineeNow(trainee)).singleElement().satisfies(row -> {
            assertThat(row.lessonId()).isEqualTo(lesson);
            assertThat(row.kind()).isEqualTo("LESSON");
            assertThat(row.attempts()).isZero();
            assertThat(row.bestScore()).isNull();
        });
        assertThat(courses.certificatesOfTraineeNow(trainee)).extracting(CourseQueries.CertificateRecord::verificationCode)
                .containsExactly(code);

        assertThat(fields(algebra)).containsExactly("courseId", "instructorId", "title", "description", "language",
                "sections", "status", "publishedAt");
        assertThat(fields(enrolment)).containsExactly("courseId", "title", "source", "enrolledAt", "startedAt",
                "startedReportedAt", "completedAt", "completedReportedAt", "lessonsDone", "certificateCode");
        assertThat(fields(courses.enrolmentsOfTraineeNow(trainee).get(0))).containsExactly("traineeId", "courseId",
                "organizationId", "source", "enrolledAt", "startedAt", "completedAt", "certificateCode",
                "startedReportedAt", "completedReportedAt", "courseTitle");
    }

    private void publish(String type, UUID aggregate, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregate.toString(), sequence, event));
    }

    private List<String> fields(Object value) {
        List<String> names = new ArrayList<>();
        mapper.valueToTree(value).fieldNames().forEachRemaining(names::add);
        return names;
    }
}
