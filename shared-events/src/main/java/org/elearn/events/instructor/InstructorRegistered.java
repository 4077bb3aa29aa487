package org.elearn.events.instructor;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * An instructor created an account on the platform.
 *
 * <p>Carries the instructor's personal data (name, email, phone), stored encrypted under the
 * instructor's data key. It never carries the password: the password hash lives in the command
 * side's credentials table, outside the event store.
 *
 * @param instructorId the instructor's user id, also the aggregate id
 * @param name display name, shown on the public profile
 * @param email contact email, never shown publicly
 * @param phone contact phone, optional, never shown publicly
 */
public record InstructorRegistered(@DataSubjectId UUID instructorId,
                                   @PersonalData String name,
                                   @PersonalData String email,
                                   @PersonalData String phone) {

    /** Checks that the identity and the name are present. */
    public InstructorRegistered {
        Objects.requireNonNull(instructorId, "instructorId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
    }
}
