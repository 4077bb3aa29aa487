package org.elearn.support.errors;

/**
 * One refusal a side can give: a stable code that clients branch on (never the message) and its
 * kind. Each side lists its codes in one enum implementing this interface, its catalogue.
 */
public interface ErrorCode {

    /** The entry's Java name (an enum's own {@code name()}), e.g. {@code MEMBER_NOT_FOUND}. */
    String name();

    /**
     * The stable, kebab-case code, e.g. {@code member-not-found}; it ends the problem's type URI. It is
     * the entry's name in lower case with hyphens, so a catalogue entry cannot drift from its code.
     */
    default String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** What kind of refusal it is; the problem handler maps the kind to an HTTP status. */
    ErrorKind kind();

    /** Refuses with this code and a detail that is safe to show (no personal data). */
    default DomainException refusal(String detail) {
        return new DomainException(this, detail);
    }

    /** Refuses with this code, a safe detail and extra problem properties (no personal data). */
    default DomainException refusal(String detail, java.util.Map<String, Object> properties) {
        return new DomainException(this, detail, properties);
    }
}
