package org.elearn.command.membership;

import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set the whole of a member's record as their organization keeps it (an administrator's edit): what
 * they are called, gender, employee id, email, position, entry date and department.
 */
record ChangeMemberRecord(MemberRecords.Ref member, String nickname, String gender, String employeeId,
                          String email, String position, LocalDate entryDate, String department) {

    @TargetAggregateIdentifier
    UUID recordId() {
        return member.recordId();
    }
}
