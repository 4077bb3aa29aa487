package org.elearn.command.membership;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Bring a deactivated member back. */
record ReactivateMember(MemberRecords.Ref member) {

    @TargetAggregateIdentifier
    UUID recordId() {
        return member.recordId();
    }
}
