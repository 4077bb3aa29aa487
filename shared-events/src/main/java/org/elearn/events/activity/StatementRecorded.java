package org.elearn.events.activity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * An xAPI statement was accepted from an organization's ingestion credential and committed.
 *
 * <p>The actor is the data subject: a member of the organization (their user id), or for any other
 * actor a subject of its own, whose id is a keyed hash of the organization and the actor's
 * identifier. The whole statement (which names the actor), the answer it carries and the
 * User-Agent's device and client are personal data; the usage figures (content accessed, time
 * spent, score) are kept in clear for reports.
 *
 * @param statementId the statement's id
 * @param organizationId the credential's organization
 * @param actorId the data subject the statement is about
 * @param member whether the actor is a member of the organization (only members' statements count in reports)
 * @param verbId the verb's IRI
 * @param objectId the object's id: the content accessed
 * @param courseId the course the object belongs to, if its id names one
 * @param lessonId the lesson the object is, if its id names one
 * @param durationMillis {@code result.duration}, the time spent, if given
 * @param score {@code result.score} as 0-100 (from {@code scaled}, else {@code raw} of {@code min}-{@code max}), if given
 * @param success {@code result.success}, if given
 * @param timestamp when it happened, as the statement says (else when it was stored)
 * @param stored when the service stored it
 * @param statement the statement as received, as JSON
 * @param response {@code result.response}: an answer, if given
 * @param device the device, derived from the User-Agent, if any
 * @param client the client (browser or app), derived from the User-Agent, if any
 */
public record StatementRecorded(UUID statementId, UUID organizationId, @DataSubjectId UUID actorId, boolean member,
                                String verbId, String objectId, UUID courseId, UUID lessonId, Long durationMillis,
                                Integer score, Boolean success, Instant timestamp, Instant stored,
                                @PersonalData String statement, @PersonalData String response,
                                @PersonalData String device, @PersonalData String client) {

    /** Checks the identity, the verb, the object and the times. */
    public StatementRecorded {
        StatementChecks.requireStatement(statementId, organizationId, actorId, verbId, objectId, timestamp);
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(statement, "statement");
    }
}
