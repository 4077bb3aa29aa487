package org.elearn.command.membership;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set a member's name, phone and department, as a repeated import states them; answers whether
 * anything changed, so that an unchanged row records nothing.
 */
record ChangeMemberDetails(MemberRecords.Ref member, String name, String phone, String department) {

    @TargetAggregateIdentifier
    UUID recordId() {
        return member.recordId();
    }
}
