package org.elearn.events.membership;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * An administrator edited a member's record. The full new values, so a projection needs no earlier
 * state. Everything that describes the person is personal data; the department is the
 * organization's structure and stays in clear for reports.
 *
 * @param memberId the member
 * @param organizationId their organization
 * @param nickname what they like to be called, optional
 * @param gender as the member or administrator recorded it, optional
 * @param employeeId the organization's id for them, optional
 * @param email their email now
 * @param position their job title, optional
 * @param entryDate when they joined the organization, optional
 * @param department their department, optional
 */
public record MemberEdited(@DataSubjectId UUID memberId,
                           UUID organizationId,
                           @PersonalData String nickname,
                           @PersonalData String gender,
                           @PersonalData String employeeId,
                           @PersonalData String email,
                           @PersonalData String position,
                           @PersonalData LocalDate entryDate,
                           String department) {

    /** Checks identity, organization and email. */
    public MemberEdited {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(email, "email");
    }
}
