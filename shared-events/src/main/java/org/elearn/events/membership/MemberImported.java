package org.elearn.events.membership;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * An administrator's import added a person to the organization as a member (a trainee until told
 * otherwise). Values are stored exactly as given, including cells that a spreadsheet would read as
 * formulas; exports neutralize those.
 *
 * @param memberId the member's user id
 * @param organizationId their organization
 * @param name their name
 * @param email their email, unique across all accounts
 * @param phone their phone, optional
 * @param department their department, optional; the organization's structure, kept in clear for reports
 */
public record MemberImported(@DataSubjectId UUID memberId,
                             UUID organizationId,
                             @PersonalData String name,
                             @PersonalData String email,
                             @PersonalData String phone,
                             String department) {

    /** Checks identity, organization, name and email. */
    public MemberImported {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
    }
}
