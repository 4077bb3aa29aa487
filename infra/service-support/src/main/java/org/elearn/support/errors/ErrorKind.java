package org.elearn.support.errors;

/**
 * What kind of refusal a domain error is, in the domain's words. The problem+json handler
 * ({@code org.elearn.support.web.Problems}) is the only place that turns a kind into an HTTP status.
 */
public enum ErrorKind {
    /** The request is malformed or breaks a rule of the input (400). */
    INVALID,
    /** The caller is not signed in, or their credential is no longer valid (401). */
    UNAUTHENTICATED,
    /** The caller is known but may not do this (403). */
    FORBIDDEN,
    /** The thing named does not exist, or is not visible to this caller (404). */
    NOT_FOUND,
    /** The request clashes with the current state (409). */
    CONFLICT,
    /** The thing existed but is gone for good, e.g. an erased person (410). */
    GONE,
    /** A precondition the caller sent (an ETag, a version) no longer holds (412). */
    PRECONDITION_FAILED,
    /** The request or a value in it is larger than accepted (413). */
    TOO_LARGE,
    /** The caller asked too often; the refusal names when to ask again (429). */
    RATE_LIMITED,
    /** The service cannot take the request right now (503). */
    UNAVAILABLE
}
