package org.elearn.command.course;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.elearn.events.course.LessonKind;

/**
 * Record what an activity statement says a trainee did in a course. The aggregate decides which
 * progress events follow, and whether the course is now complete.
 *
 * @param enrolmentId the trainee's enrolment in the course
 * @param step what the statement's verb says, after the verb mapping
 * @param lessonId the lesson the statement is about, or null for the course itself
 * @param kind that lesson's kind, or null
 * @param passingScore that lesson's passing score, if it has one
 * @param score the statement's score as 0-100, if any
 * @param answers the statement's response, if any (personal data)
 * @param at when the service learned of it: the statement's stored time, which orders progress
 * @param reportedAt when it happened as the client reported it (the statement's timestamp), kept as reported
 * @param requiredLessons the course's required lessons
 */
record RecordProgress(@TargetAggregateIdentifier UUID enrolmentId, Step step, UUID lessonId, LessonKind kind,
                      Integer passingScore, Integer score, String answers, Instant at, Instant reportedAt,
                      Set<UUID> requiredLessons) {

    /** What a verb means for progress. */
    enum Step { STARTED, COMPLETED, PASSED, FAILED }
}
