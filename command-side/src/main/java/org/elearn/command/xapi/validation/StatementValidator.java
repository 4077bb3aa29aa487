package org.elearn.command.xapi.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks one statement against every MUST of the xAPI 1.0.3 Data part that a single statement can
 * break, walking it once along {@link StatementRules}' tables. A failure is a 400 refusal naming the
 * statement's index, the dotted field and the JSON path; see {@link StatementRefusal}.
 */
public final class StatementValidator {

    private StatementValidator() {
    }

    /** Refuses statement {@code index} of its batch unless it is a valid xAPI 1.0.3 statement. */
    public static void validate(JsonNode statement, int index) {
        StatementRules.STATEMENT.validate(statement, Path.ROOT, index);
    }
}
