package org.elearn.command.membership;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a member out of the organization's activity, keeping their record. */
record DeactivateMember(MemberRecords.Ref member) {

    @TargetAggregateIdentifier
    UUID recordId() {
        return member.recordId();
    }
}
