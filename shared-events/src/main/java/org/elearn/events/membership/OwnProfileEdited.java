package org.elearn.events.membership;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * A member changed, on their own profile, what they like to be called and their gender. The full new
 * values of those two, so a projection needs no earlier state; an administrator's {@link MemberEdited}
 * sets them too, and the later of the two counts. Both are personal data. The two stay separate
 * types: the administrator's carries the whole record, this one only the member's two fields, and
 * the audit history lists and filters events by the type they were stored under.
 *
 * @param memberId the member
 * @param organizationId their organization
 * @param nickname what they like to be called, optional
 * @param gender as they gave it, optional
 */
public record OwnProfileEdited(@DataSubjectId UUID memberId,
                               UUID organizationId,
                               @PersonalData String nickname,
                               @PersonalData String gender) {

    /** Checks identity and organization. */
    public OwnProfileEdited {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(organizationId, "organizationId");
    }
}
