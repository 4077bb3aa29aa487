package org.elearn.events.organization;

/** Kinds of qualification document an administrator attaches. */
public enum DocumentType {
    /** A signed non-disclosure agreement. */
    NDA,
    /** A certificate that the person may train others. */
    TRAINER_CERTIFICATE,
    /** Anything else that shows they may represent the organization. */
    OTHER
}
