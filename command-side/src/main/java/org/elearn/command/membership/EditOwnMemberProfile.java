package org.elearn.command.membership;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member changes their own name and phone; the department stays the administrator's to set. */
record EditOwnMemberProfile(@TargetAggregateIdentifier UUID memberId, String name, String phone) {
}
