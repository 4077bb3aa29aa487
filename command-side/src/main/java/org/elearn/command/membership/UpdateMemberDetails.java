package org.elearn.command.membership;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set a member's name, phone and department; answers whether anything changed. */
record UpdateMemberDetails(MemberRecords.Ref member, String name, String phone, String department) {

    @TargetAggregateIdentifier
    UUID recordId() {
        return member.recordId();
    }
}
