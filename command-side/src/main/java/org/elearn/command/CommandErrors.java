package org.elearn.command;

import org.elearn.support.errors.ErrorCode;
import org.elearn.support.errors.ErrorKind;

/**
 * The command side's catalogue of refusals: every code this side's domain and controllers can answer
 * with, in one place. Clients branch on the code; the problem handler maps the kind to a status.
 * Keep the entries sorted; an entry's code is its name in kebab case
 * ({@code MEMBER_NOT_FOUND} answers {@code member-not-found}).
 */
public enum CommandErrors implements ErrorCode {
    ACCOUNT_CANCELLED(ErrorKind.FORBIDDEN),
    ACCOUNT_CANNOT_JOIN(ErrorKind.CONFLICT),
    ACCOUNT_DEACTIVATED(ErrorKind.FORBIDDEN),
    ACCOUNT_ERASED(ErrorKind.GONE),
    ACCOUNT_PENDING(ErrorKind.FORBIDDEN),
    ACCOUNT_REJECTED(ErrorKind.FORBIDDEN),
    ADMINISTRATOR_NOT_FOUND(ErrorKind.NOT_FOUND),
    ADMINISTRATOR_NOT_PENDING(ErrorKind.CONFLICT),
    AGENT_IS_MEMBER(ErrorKind.CONFLICT),
    ALREADY_OBJECTED(ErrorKind.CONFLICT),
    ALREADY_RESTRICTED(ErrorKind.CONFLICT),
    BATCH_TOO_LARGE(ErrorKind.TOO_LARGE),
    BODY_TOO_LARGE(ErrorKind.TOO_LARGE),
    CANCELLATION_PENDING(ErrorKind.CONFLICT),
    CONSENT_NOT_GIVEN(ErrorKind.CONFLICT),
    COOL_OFF_OVER(ErrorKind.CONFLICT),
    COOL_OFF_RUNNING(ErrorKind.CONFLICT),
    COURSE_NOT_DRAFT(ErrorKind.CONFLICT),
    COURSE_NOT_FOUND(ErrorKind.NOT_FOUND),
    COURSE_NOT_PUBLISHABLE(ErrorKind.CONFLICT),
    COURSE_NOT_PUBLISHED(ErrorKind.CONFLICT),
    CREDENTIAL_NOT_FOUND(ErrorKind.NOT_FOUND),
    DUPLICATE_STATEMENT_ID(ErrorKind.INVALID),
    EMAIL_TAKEN(ErrorKind.CONFLICT),
    EMPTY_BATCH(ErrorKind.INVALID),
    EMPTY_POLICY(ErrorKind.INVALID),
    FORBIDDEN(ErrorKind.FORBIDDEN),
    IMPORT_NOT_FOUND(ErrorKind.NOT_FOUND),
    INSTRUCTOR_NOT_FOUND(ErrorKind.NOT_FOUND),
    INSUFFICIENT_SCOPE(ErrorKind.FORBIDDEN),
    INVALID_CREDENTIALS(ErrorKind.UNAUTHENTICATED),
    INVALID_DURATION(ErrorKind.INVALID),
    INVALID_IRI(ErrorKind.INVALID),
    INVALID_LESSON(ErrorKind.INVALID),
    INVALID_ORIGIN(ErrorKind.INVALID),
    INVALID_SCOPE(ErrorKind.INVALID),
    INVALID_STATEMENT(ErrorKind.INVALID),
    INVALID_TIMESTAMP(ErrorKind.INVALID),
    INVALID_UNSUBSCRIBE_LINK(ErrorKind.INVALID),
    INVALID_UTF8(ErrorKind.INVALID),
    INVALID_UUID(ErrorKind.INVALID),
    INVITATION_EXPIRED(ErrorKind.GONE),
    INVITATION_NOT_FOUND(ErrorKind.NOT_FOUND),
    INVITATION_REVOKED(ErrorKind.GONE),
    INVITATION_USED(ErrorKind.GONE),
    MALFORMED_CSV(ErrorKind.INVALID),
    MALFORMED_REQUEST(ErrorKind.INVALID),
    MEMBER_ALREADY_ACTIVE(ErrorKind.CONFLICT),
    MEMBER_ALREADY_INACTIVE(ErrorKind.CONFLICT),
    MEMBER_DEACTIVATED(ErrorKind.FORBIDDEN),
    MEMBER_NOT_FOUND(ErrorKind.NOT_FOUND),
    MISSING_FIELD(ErrorKind.INVALID),
    NOT_ENROLLED(ErrorKind.CONFLICT),
    NOT_OBJECTED(ErrorKind.CONFLICT),
    NOT_ONE_CLICK(ErrorKind.INVALID),
    NOT_RESTRICTED(ErrorKind.CONFLICT),
    NO_CANCELLATION_PENDING(ErrorKind.CONFLICT),
    NO_EDITABLE_PROFILE(ErrorKind.NOT_FOUND),
    NO_RETENTION_POLICY(ErrorKind.NOT_FOUND),
    ORGANIZATION_NOT_FOUND(ErrorKind.NOT_FOUND),
    ORIGIN_NOT_ALLOWED(ErrorKind.FORBIDDEN),
    OVERLOADED(ErrorKind.UNAVAILABLE),
    PROCESSING_RESTRICTED(ErrorKind.FORBIDDEN),
    REGISTRATION_NOT_FOUND(ErrorKind.NOT_FOUND),
    STALE_POLICY_VERSION(ErrorKind.INVALID),
    STATEMENT_CONFLICT(ErrorKind.CONFLICT),
    STATEMENT_ID_MISMATCH(ErrorKind.INVALID),
    STATEMENT_TOO_LARGE(ErrorKind.INVALID),
    SUBJECT_ERASED(ErrorKind.GONE),
    TOO_MANY_LOGIN_ATTEMPTS(ErrorKind.RATE_LIMITED),
    TOO_MANY_REGISTRATIONS(ErrorKind.RATE_LIMITED),
    TOO_MANY_ROWS(ErrorKind.INVALID),
    TOO_MANY_VERIFICATION_ATTEMPTS(ErrorKind.RATE_LIMITED),
    UNKNOWN_ACTOR(ErrorKind.FORBIDDEN),
    UNKNOWN_MEMBER(ErrorKind.INVALID),
    UNKNOWN_PURPOSE(ErrorKind.NOT_FOUND),
    USER_ERASED(ErrorKind.CONFLICT),
    USER_NOT_FOUND(ErrorKind.NOT_FOUND),
    VALIDATION_FAILED(ErrorKind.INVALID),
    WRONG_CSV_HEADER(ErrorKind.INVALID),
    WRONG_PASSWORD(ErrorKind.FORBIDDEN);

    private final ErrorKind kind;

    CommandErrors(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
