package org.elearn.command.organization;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.elearn.events.organization.QualificationDocument;

/** A person asks to administer an organization; they wait for an operator's approval. */
record RegisterAdministrator(@TargetAggregateIdentifier UUID administratorId, UUID organizationId, String name,
                             String email, String phone, String occupation, List<QualificationDocument> documents) {
}
