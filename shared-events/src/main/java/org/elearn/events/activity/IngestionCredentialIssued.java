package org.elearn.events.activity;

import java.util.Objects;
import java.util.UUID;

/**
 * An administrator created an xAPI ingestion credential for their organization. The secret is never
 * in an event.
 *
 * @param credentialKey the public key (the Basic user name)
 * @param organizationId the organization whose statements it sends
 * @param label what the administrator called it
 * @param refusesUnknownActors whether batches naming a non-member actor are rejected
 * @param issuedBy the administrator
 */
public record IngestionCredentialIssued(String credentialKey, UUID organizationId, String label,
                                        boolean refusesUnknownActors, UUID issuedBy) {

    /** Checks that every field is present. */
    public IngestionCredentialIssued {
        Objects.requireNonNull(credentialKey, "credentialKey");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(issuedBy, "issuedBy");
    }
}
