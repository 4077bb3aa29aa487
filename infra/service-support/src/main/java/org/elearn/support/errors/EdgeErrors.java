package org.elearn.support.errors;

/**
 * Refusals given at the edge of either service, before a request reaches a side's own code: body
 * limits, hostile characters, throttles, busy services. Keep the entries sorted; an entry's code is its name in kebab case
 * ({@code MEMBER_NOT_FOUND} answers {@code member-not-found}).
 */
public enum EdgeErrors implements ErrorCode {
    BODY_TOO_LARGE(ErrorKind.TOO_LARGE),
    FORBIDDEN(ErrorKind.FORBIDDEN),
    INVALID_CHARACTERS(ErrorKind.INVALID),
    ORGANIZATION_NOT_FOUND(ErrorKind.NOT_FOUND);

    private final ErrorKind kind;

    EdgeErrors(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
