package org.elearn.command.membership;

import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator sets a member's record. */
record EditMember(MemberRecords.Ref member, String nickname, String gender, String employeeId,
                  String email, String position, LocalDate entryDate, String department) {

    @TargetAggregateIdentifier
    UUID recordId() {
        return member.recordId();
    }
}
