package org.elearn.command.membership;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add a person from an import to an organization. */
record ImportMember(@TargetAggregateIdentifier UUID memberId, UUID organizationId, String name, String email,
                    String phone, String department) {
}
