package org.elearn.events.instructor;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * An instructor changed their public name or their phone. Both are personal data, stored encrypted
 * under the instructor's data key.
 *
 * @param instructorId the instructor
 * @param name the new display name
 * @param phone the new contact phone
 */
public record InstructorProfileUpdated(@DataSubjectId UUID instructorId,
                                       @PersonalData String name,
                                       @PersonalData String phone) {

    /** Checks that the instructor and the name are present. */
    public InstructorProfileUpdated {
        Objects.requireNonNull(instructorId, "instructorId");
        Objects.requireNonNull(name, "name");
    }
}
