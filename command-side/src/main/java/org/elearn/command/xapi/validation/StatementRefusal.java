package org.elearn.command.xapi.validation;

import java.util.Map;
import org.elearn.command.CommandErrors;
import org.elearn.support.errors.DomainException;

/**
 * The one shape of a refused statement: a catalogued code, a detail naming the statement's index in
 * its batch and the field, and the properties {@code statementIndex}, {@code field} (dotted, as the
 * API has always named it) and {@code path} (the JSON path).
 */
public final class StatementRefusal {

    private StatementRefusal() {
    }

    /** Refuses statement {@code index} at the dotted {@code field} ({@code ""} for the whole statement). */
    public static DomainException of(CommandErrors code, int index, String field, String problem) {
        return of(code, index, field, field.isEmpty() ? "$" : "$." + field, problem);
    }

    static DomainException at(CommandErrors code, int index, Path at, String problem) {
        return of(code, index, at.field(), at.jsonPath(), problem);
    }

    private static DomainException of(CommandErrors code, int index, String field, String path, String problem) {
        String where = field.isEmpty() ? "" : " " + field;
        return code.refusal("Statement " + index + ":" + where + " " + problem + ".",
                Map.of("statementIndex", index, "field", field, "path", path));
    }
}
