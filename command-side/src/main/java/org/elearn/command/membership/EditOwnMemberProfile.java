package org.elearn.command.membership;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A member changes their own name, phone, nickname and gender (the whole set: an absent one is
 * cleared); the department and the rest of the record stay the administrator's to set.
 */
record EditOwnMemberProfile(MemberRecords.Ref member, String name, String phone, String nickname, String gender) {

    @TargetAggregateIdentifier
    UUID recordId() {
        return member.recordId();
    }
}
