package org.elearn.events.privacy;

/** Refuses to create a data key, or store new personal data, for a subject that has been erased. */
public class SubjectErasedException extends RuntimeException {

    private final String subjectId;

    public SubjectErasedException(String subjectId) {
        super("data subject " + subjectId + " has been erased; no personal data can be stored for it");
        this.subjectId = subjectId;
    }

    public String subjectId() {
        return subjectId;
    }
}
