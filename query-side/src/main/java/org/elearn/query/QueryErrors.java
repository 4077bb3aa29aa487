package org.elearn.query;

import org.elearn.support.errors.ErrorCode;
import org.elearn.support.errors.ErrorKind;

/**
 * The query side's catalogue of refusals: every code this side's domain and controllers can answer
 * with, in one place. Clients branch on the code; the problem handler maps the kind to a status.
 * Keep the entries sorted; an entry's code is its name in kebab case
 * ({@code MEMBER_NOT_FOUND} answers {@code member-not-found}).
 */
public enum QueryErrors implements ErrorCode {
    ;

    private final ErrorKind kind;

    QueryErrors(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
