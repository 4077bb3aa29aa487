package org.elearn.support.errors;

import java.util.Map;

/**
 * A refusal the caller can act on: a code from a side's catalogue, a detail that is safe to show and
 * optional properties. It says nothing about HTTP; the problem handler maps its kind to a status.
 * Carries no personal data, and no stack trace (it is an answer, not a failure).
 */
public class DomainException extends RuntimeException {

    private final ErrorCode error;
    private final Map<String, Object> properties;

    public DomainException(ErrorCode error, String detail) {
        this(error, detail, Map.of());
    }

    public DomainException(ErrorCode error, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.error = error;
        this.properties = Map.copyOf(properties);
    }

    /** The catalogue entry. */
    public ErrorCode error() {
        return error;
    }

    /** The stable code string. */
    public String code() {
        return error.code();
    }

    public ErrorKind kind() {
        return error.kind();
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** Whether this is the given refusal. */
    public boolean is(ErrorCode other) {
        return error.code().equals(other.code());
    }
}
