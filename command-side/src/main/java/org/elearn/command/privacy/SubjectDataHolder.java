package org.elearn.command.privacy;

import java.util.UUID;

/**
 * A command-side store that keeps something derived from a subject's personal data (such as a
 * fingerprint). Erasure asks each one to forget the subject, in the erasure's transaction.
 */
public interface SubjectDataHolder {

    void forget(UUID subjectId);
}
