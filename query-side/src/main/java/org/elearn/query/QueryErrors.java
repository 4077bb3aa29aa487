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
    AT_IN_THE_FUTURE(ErrorKind.INVALID),
    AT_REQUIRED(ErrorKind.INVALID),
    CERTIFICATE_NOT_FOUND(ErrorKind.NOT_FOUND),
    CHECKS_BUSY(ErrorKind.UNAVAILABLE),
    COURSE_NOT_FOUND(ErrorKind.NOT_FOUND),
    EXPORTS_BUSY(ErrorKind.UNAVAILABLE),
    FORBIDDEN(ErrorKind.FORBIDDEN),
    INSTRUCTOR_NOT_FOUND(ErrorKind.NOT_FOUND),
    INVALID_AUDIT_FILTER(ErrorKind.INVALID),
    INVALID_CODE(ErrorKind.INVALID),
    INVALID_RANGE(ErrorKind.INVALID),
    NOT_A_COMMAND_ROUTE(ErrorKind.NOT_FOUND),
    NO_DEAD_LETTER(ErrorKind.NOT_FOUND),
    NO_REBUILD(ErrorKind.NOT_FOUND),
    ORGANIZATION_NOT_FOUND(ErrorKind.NOT_FOUND),
    REBUILD_RUNNING(ErrorKind.CONFLICT),
    REPLAYS_BUSY(ErrorKind.UNAVAILABLE),
    REVEAL_FORBIDDEN(ErrorKind.FORBIDDEN),
    STREAMS_BUSY(ErrorKind.UNAVAILABLE),
    UNKNOWN_EVENT_TYPE(ErrorKind.INVALID),
    UNKNOWN_PROJECTION(ErrorKind.NOT_FOUND),
    USER_ERASED(ErrorKind.GONE),
    USER_NOT_FOUND(ErrorKind.NOT_FOUND),
    VERIFICATIONS_BUSY(ErrorKind.UNAVAILABLE),
    XAPI_DATA_UNAVAILABLE(ErrorKind.UNAVAILABLE);

    private final ErrorKind kind;

    QueryErrors(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
