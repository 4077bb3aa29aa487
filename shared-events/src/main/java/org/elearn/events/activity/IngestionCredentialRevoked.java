package org.elearn.events.activity;

import java.util.Objects;
import java.util.UUID;

/**
 * An administrator revoked an xAPI ingestion credential; it authenticates nothing from now on.
 *
 * @param credentialKey the credential's key
 * @param organizationId its organization
 * @param revokedBy the administrator
 */
public record IngestionCredentialRevoked(String credentialKey, UUID organizationId, UUID revokedBy) {

    /** Checks that every field is present. */
    public IngestionCredentialRevoked {
        Objects.requireNonNull(credentialKey, "credentialKey");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(revokedBy, "revokedBy");
    }
}
