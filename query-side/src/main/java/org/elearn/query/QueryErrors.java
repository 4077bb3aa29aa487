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
    AT_IN_THE_FUTURE,
    AT_REQUIRED,
    CERTIFICATE_NOT_FOUND,
    CHECKS_BUSY,
    COURSE_NOT_FOUND,
    EXPORTS_BUSY,
    FORBIDDEN,
    INSTRUCTOR_NOT_FOUND,
    INVALID_AUDIT_FILTER,
    INVALID_CODE,
    INVALID_RANGE,
    NOT_A_COMMAND_ROUTE,
    NO_DEAD_LETTER,
    NO_REBUILD,
    ORGANIZATION_NOT_FOUND,
    REBUILD_RUNNING,
    REPLAYS_BUSY,
    REVEAL_FORBIDDEN,
    STREAMS_BUSY,
    UNKNOWN_EVENT_TYPE,
    UNKNOWN_PROJECTION,
    USER_ERASED,
    USER_NOT_FOUND,
    VERIFICATIONS_BUSY,
    XAPI_DATA_UNAVAILABLE;

    /** The kinds, grouped: the switch names every entry, so an entry without a kind does not compile. */
    @Override
    public ErrorKind kind() {
        return switch (this) {
            case REBUILD_RUNNING -> ErrorKind.CONFLICT;
            case FORBIDDEN, REVEAL_FORBIDDEN -> ErrorKind.FORBIDDEN;
            case USER_ERASED -> ErrorKind.GONE;
            case AT_IN_THE_FUTURE, AT_REQUIRED, INVALID_AUDIT_FILTER, INVALID_CODE, INVALID_RANGE,
                    UNKNOWN_EVENT_TYPE -> ErrorKind.INVALID;
            case CERTIFICATE_NOT_FOUND, COURSE_NOT_FOUND, INSTRUCTOR_NOT_FOUND, NOT_A_COMMAND_ROUTE, NO_DEAD_LETTER,
                    NO_REBUILD, ORGANIZATION_NOT_FOUND, UNKNOWN_PROJECTION, USER_NOT_FOUND -> ErrorKind.NOT_FOUND;
            case CHECKS_BUSY, EXPORTS_BUSY, REPLAYS_BUSY, STREAMS_BUSY, VERIFICATIONS_BUSY,
                    XAPI_DATA_UNAVAILABLE -> ErrorKind.UNAVAILABLE;
        };
    }
}
