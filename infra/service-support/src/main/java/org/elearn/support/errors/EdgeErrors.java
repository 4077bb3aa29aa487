package org.elearn.support.errors;

/**
 * Refusals given at the edge of either service, before a request reaches a side's own code: body
 * limits, hostile characters, throttles, busy services. Keep the entries sorted; an entry's code is its name in kebab case
 * ({@code MEMBER_NOT_FOUND} answers {@code member-not-found}).
 */
public enum EdgeErrors implements ErrorCode {
    BODY_TOO_LARGE,
    FORBIDDEN,
    INVALID_CHARACTERS,
    ORGANIZATION_NOT_FOUND;

    /** The kinds, grouped: the switch names every entry, so an entry without a kind does not compile. */
    @Override
    public ErrorKind kind() {
        return switch (this) {
            case FORBIDDEN -> ErrorKind.FORBIDDEN;
            case INVALID_CHARACTERS -> ErrorKind.INVALID;
            case ORGANIZATION_NOT_FOUND -> ErrorKind.NOT_FOUND;
            case BODY_TOO_LARGE -> ErrorKind.TOO_LARGE;
        };
    }
}
