package org.elearn.command.xapi.statements;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A statement that passed validation, with what ingestion needs from it.
 *
 * @param id its id (given, or assigned)
 * @param actor its actor's identifier
 * @param verbId the verb's IRI
 * @param objectId the object's id
 * @param courseId the course its object names, if any
 * @param lessonId the lesson its object names, if any
 * @param durationMillis {@code result.duration}, if any
 * @param score the score as 0-100, if any
 * @param success {@code result.success}, if any
 * @param response {@code result.response}, if any
 * @param timestamp its timestamp, if given
 * @param json the statement, with its id set
 */
record Statement(UUID id, Agent actor, String verbId, String objectId, UUID courseId, UUID lessonId,
                 Long durationMillis, Integer score, Boolean success, String response, Instant timestamp,
                 ObjectNode json) {

    /** The verb of a voiding statement (xAPI 1.0.3 Data 2.3.2). */
    static final String VOIDED = org.elearn.events.activity.StatementVoided.VERB;
    /** How the parser writes a {@code StatementRef} object's id. */
    static final String STATEMENT_REF = "urn:uuid:";

    /** Whether this statement voids another; its object is then a {@code StatementRef}. */
    boolean voiding() {
        return VOIDED.equals(verbId);
    }

    /** The id of the statement this voiding statement voids. */
    UUID voidingTarget() {
        return UUID.fromString(objectId.substring(STATEMENT_REF.length()));
    }
}
