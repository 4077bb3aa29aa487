package org.elearn.command.course;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * needed, and only for a statement that makes progress, which alone is opened (decrypted). Most
 * statements make none (a visitor's, an unmapped verb, no course) and are never decrypted here.
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

    ProgressFromStatements(JdbcTemplate jdbc, CommandGateway commands, SealedEvents sealed) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.sealed = sealed;
    }

    private record LessonRule(LessonKind kind, boolean required, Integer passingScore) {
    }

    private record PublishedCourse(UUID organizationId, Map<UUID, LessonRule> lessons, Set<UUID> required) {
    }

    @EventHandler
    void on(StatementRecorded statement, EventMessage<StatementRecorded> message) {
        if (!statement.member() || statement.courseId() == null) {
            return;
        }
        Optional<RecordProgress.Step> step = VerbMapping.step(statement.verbId());
        if (step.isEmpty()) {
            return;
        }
        PublishedCourse course = published(statement.courseId());
        if (course == null || !course.organizationId().equals(statement.organizationId())) {
            return;
        }
        LessonRule lesson = statement.lessonId() == null ? null : course.lessons().get(statement.lessonId());
        if (statement.lessonId() != null && lesson == null) {
            return; // not a lesson of this course
        }
        record(step.get(), lesson, course.required(), message);
    }

    /** Sends the progress a statement makes; the answer it carries is the one personal field read. */
    private void record(RecordProgress.Step step, LessonRule lesson, Set<UUID> required,
                        EventMessage<StatementRecorded> message) {
        StatementRecorded statement = sealed.open(message);
        try {
            commands.sendAndWait(new RecordProgress(Enrolment.idOf(statement.actorId(), statement.courseId()),
                    step, lesson == null ? null : statement.lessonId(), lesson == null ? null : lesson.kind(),
                    lesson == null ? null : lesson.passingScore(), statement.score(), statement.response(),
                    statement.stored(), statement.timestamp(), required));
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
