package org.elearn.command.membership;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set how a member is named, reached and called: name, phone, nickname and gender (the whole set:
 * an absent one is cleared). The member's own edit of their profile; the department and the rest of
 * the record stay the administrator's to set.
 */
record ChangeMemberProfile(MemberRecords.Ref member, String name, String phone, String nickname, String gender) {

    @TargetAggregateIdentifier
    UUID recordId() {
        return member.recordId();
    }
}
