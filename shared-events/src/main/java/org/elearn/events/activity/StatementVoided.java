package org.elearn.events.activity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * A stored xAPI statement was voided by a later voiding statement (verb
 * {@code http://adlnet.gov/expapi/verbs/voided}, object a {@code StatementRef} to it). The voided
 * statement leaves statement queries, and whatever it counted for in read models is taken back.
 *
 * <p>It repeats the voided statement's figures that read models counted (all in clear in
 * {@link StatementRecorded} too), so that a projection can subtract them without keeping every
 * statement. The data subject is the voided statement's actor, not the voiding statement's.
 *
 * @param statementId the voided statement's id
 * @param organizationId the organization both statements belong to
 * @param actorId the data subject of the voided statement
 * @param member whether that subject is a member of the organization
 * @param voidingStatementId the id of the voiding statement
 * @param verbId the voided statement's verb IRI
 * @param objectId the voided statement's object id
 * @param courseId the course its object belongs to, if any
 * @param lessonId the lesson its object is, if any
 * @param durationMillis its {@code result.duration}, if it had one
 * @param score its score as 0-100, if it had one
 * @param success its {@code result.success}, if it had one
 * @param timestamp the voided statement's timestamp
 * @param stored when the voided statement was stored (progress it made is timed by it), if known
 * @param voided when the voiding took effect: when the voiding statement was stored, or the voided
 *               statement if it came after the voiding statement that names it
 */
public record StatementVoided(UUID statementId, UUID organizationId, @DataSubjectId UUID actorId, boolean member,
                              UUID voidingStatementId, String verbId, String objectId, UUID courseId, UUID lessonId,
                              Long durationMillis, Integer score, Boolean success, Instant timestamp, Instant stored,
                              Instant voided) {

    /** The verb of a voiding statement (xAPI 1.0.3 Data 2.3.2), whose object names the statement it voids. */
    public static final String VERB = "http://adlnet.gov/expapi/verbs/voided";

    /** Whether a recorded statement is a voiding statement: it voids another, and is no learning of its own. */
    public static boolean voids(StatementRecorded statement) {
        return VERB.equals(statement.verbId());
    }

    /** Checks the identities, the verb, the object and the times. */
    public StatementVoided {
        StatementChecks.requireStatement(statementId, organizationId, actorId, verbId, objectId, timestamp);
        Objects.requireNonNull(voidingStatementId, "voidingStatementId");
        Objects.requireNonNull(voided, "voided");
    }
}
