package org.elearn.command.membership;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set a member's name, phone and department; answers whether anything changed. */
record UpdateMemberDetails(@TargetAggregateIdentifier UUID memberId, String name, String phone, String department) {
}
