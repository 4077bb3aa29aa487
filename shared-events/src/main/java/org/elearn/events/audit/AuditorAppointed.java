package org.elearn.events.audit;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * An operator appointed an auditor: an account that reads and verifies the history.
 *
 * @param auditorId the auditor's user id
 * @param email their sign-in email
 * @param mayReveal whether they may see decrypted personal data in the audit stream
 * @param appointedBy the operator who appointed them
 */
public record AuditorAppointed(@DataSubjectId UUID auditorId, @PersonalData String email, boolean mayReveal,
                               UUID appointedBy) {

    /** Checks that the ids are present. */
    public AuditorAppointed {
        Objects.requireNonNull(auditorId, "auditorId");
        Objects.requireNonNull(appointedBy, "appointedBy");
    }
}
