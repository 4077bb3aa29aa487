package org.elearn.command.course;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.course.LessonKind;
import org.elearn.support.axon.BatchedWrites;
import org.elearn.support.axon.ReadsNoPersonalData;
import org.elearn.support.axon.SealedEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Derives progress from members' activity statements (the verb mapping is in {@link VerbMapping}):
 * a statement about a published course of the member's organization, or one of its lessons, becomes
 * a {@link RecordProgress} on the member's enrolment. Statements of non-members, about other
 * organizations' courses, with unmapped verbs, or of trainees not enrolled change nothing.
 * Progress is timed by when the service stored the statement; the client's own timestamp, which it
 * may backdate, is kept beside as reported.
 *
 * <p>Voiding a statement ({@code StatementVoided}) does not undo the progress it made: a lesson stays
 * done and a certificate already issued stays valid. Progress and certificates are facts already
 * announced; revoking a certificate is an explicit act, not a side effect of an LMS correcting its
 * data. The learning report does stop counting a voided completion (docs/xapi.md, Voiding).
 *
 * <p>Statements arrive sealed ({@link SealedEvents}): of their personal fields only the answer is
 * needed, and only for an assignment's submission by an enrolled trainee, which alone is opened
 * (decrypted). Every other statement, most of them (a visitor's, an unmapped verb, no course, a
 * lesson that is not an assignment), is never decrypted here.
 *
 * <p>A processor batch is handled as a whole: the first statement that can make progress has the
 * histories of every enrolment the batch's statements name read with one query
 * ({@link EnrolmentHistories}); each statement's {@link RecordProgress} then finds its enrolment in
 * memory ({@link EnrolmentRepository}), and the events the batch's progress makes are appended
 * together when the batch commits, in the token's transaction. A trainee never enrolled in the
 * course costs no command. Handled one event at a time (a batch retried after a failing call), each
 * statement reads its own enrolment the same way.
 */
@Component
@ReadsNoPersonalData
@ProcessingGroup("progress")
class ProgressFromStatements {

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    /** Lessons of published courses, which cannot change; an archival shows after at most a minute. */
    private final Cache<UUID, PublishedCourse> published = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(java.time.Duration.ofMinutes(1)).build();
    /**
     * Course ids that were not published when last looked up, for a few seconds: a misconfigured
     * client naming unknown courses costs one query per course, not one per statement. Trainees
     * enrol only after publication, so their activity does not meet a stale entry in practice.
     */
    private final Cache<UUID, Boolean> unpublished = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(java.time.Duration.ofSeconds(5)).build();

    private final SealedEvents sealed;
    private final EnrolmentHistories enrolments;

    ProgressFromStatements(JdbcTemplate jdbc, CommandGateway commands, SealedEvents sealed,
                           EnrolmentHistories enrolments) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.sealed = sealed;
        this.enrolments = enrolments;
    }

    private record LessonRule(LessonKind kind, boolean required, Integer passingScore) {
    }

    private record PublishedCourse(UUID organizationId, Map<UUID, LessonRule> lessons, Set<UUID> required) {
    }

    /** What a statement does for progress: its step on the course or on one of its lessons. */
    private record Progress(RecordProgress.Step step, LessonRule lesson, Set<UUID> required) {
    }

    @EventHandler
    void on(StatementRecorded statement, EventMessage<StatementRecorded> message) {
        Progress progress = progress(statement);
        if (progress == null) {
            return;
        }
        UUID enrolmentId = Enrolment.idOf(statement.actorId(), statement.courseId());
        if (!enrolments.exists(enrolmentId, this::batchEnrolments)) {
            return; // activity on a course the member never enrolled in: kept as a statement, no progress
        }
        record(enrolmentId, progress, statement, message);
    }

    /**
     * The progress a statement can make, before looking at the enrolment: none (null) for a
     * visitor's, one without a course, an unmapped verb, a course not published in the statement's
     * organization, or an object that is not one of the course's lessons. Reads no personal field.
     */
    private Progress progress(StatementRecorded statement) {
        if (!statement.member() || statement.courseId() == null) {
            return null;
        }
        Optional<RecordProgress.Step> step = VerbMapping.step(statement.verbId());
        if (step.isEmpty()) {
            return null;
        }
        PublishedCourse course = published(statement.courseId());
        if (course == null || !course.organizationId().equals(statement.organizationId())) {
            return null;
        }
        LessonRule lesson = statement.lessonId() == null ? null : course.lessons().get(statement.lessonId());
        if (statement.lessonId() != null && lesson == null) {
            return null; // not a lesson of this course
        }
        return new Progress(step.get(), lesson, course.required());
    }

    /**
     * The enrolments the current processor batch can make progress on (the one statement handled,
     * when the batch is handled one event at a time), for {@link EnrolmentHistories} to read at once.
     */
    private Collection<UUID> batchEnrolments() {
        List<UUID> ids = new ArrayList<>();
        for (EventMessage<?> message : BatchedWrites.messages()) {
            if (StatementRecorded.class.equals(message.getPayloadType())
                    && message.getPayload() instanceof StatementRecorded statement && progress(statement) != null) {
                ids.add(Enrolment.idOf(statement.actorId(), statement.courseId()));
            }
        }
        return ids;
    }

    /**
     * Sends the progress a statement makes. Only an assignment's submission reads a personal field,
     * the answer, and only that statement is opened (decrypted); the aggregate reads the answer of
     * no other progress.
     */
    private void record(UUID enrolmentId, Progress progress, StatementRecorded statement,
                        EventMessage<StatementRecorded> message) {
        LessonRule lesson = progress.lesson();
        String answers = null;
        if (lesson != null && lesson.kind() == LessonKind.ASSIGNMENT && progress.step() == RecordProgress.Step.COMPLETED) {
            answers = sealed.open(message).response();
        }
        try {
            commands.sendAndWait(new RecordProgress(enrolmentId, progress.step(),
                    lesson == null ? null : statement.lessonId(), lesson == null ? null : lesson.kind(),
                    lesson == null ? null : lesson.passingScore(), statement.score(), answers,
                    statement.stored(), statement.timestamp(), progress.required()));
        } catch (AggregateNotFoundException notEnrolled) {
            // activity on a course the member never enrolled in: kept as a statement, no progress
        }
    }

    /** The course if it is published; only published courses are cached. */
    private PublishedCourse published(UUID courseId) {
        PublishedCourse cached = published.getIfPresent(courseId);
        if (cached != null || unpublished.getIfPresent(courseId) != null) {
            return cached;
        }
        List<UUID> organization = jdbc.queryForList(
                "SELECT organization_id FROM course_directory WHERE course_id = ? AND status = 'PUBLISHED'", UUID.class,
                courseId);
        if (organization.isEmpty()) {
            unpublished.put(courseId, Boolean.TRUE);
            return null;
        }
        Map<UUID, LessonRule> lessons = lessons(courseId);
        Set<UUID> required = lessons.entrySet().stream().filter(e -> e.getValue().required())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        PublishedCourse course = new PublishedCourse(organization.get(0), lessons, required);
        published.put(courseId, course);
        return course;
    }

    private Map<UUID, LessonRule> lessons(UUID courseId) {
        return jdbc.query("SELECT lesson_id, kind, required, passing_score FROM course_lesson WHERE course_id = ?",
                        (rs, n) -> Map.entry(rs.getObject(1, UUID.class), new LessonRule(
                                LessonKind.valueOf(rs.getString(2)), rs.getBoolean(3),
                                (Integer) rs.getObject(4))), courseId)
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
