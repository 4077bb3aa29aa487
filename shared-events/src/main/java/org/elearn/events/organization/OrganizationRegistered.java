package org.elearn.events.organization;

import java.util.Objects;
import java.util.UUID;

/**
 * An operator registered an organization. Its name is the organization's, not a person's: no
 * personal data.
 *
 * @param organizationId the organization
 * @param name its display name
 * @param dataRegion where its data is meant to live, e.g. {@code sg} or {@code eu}
 */
public record OrganizationRegistered(UUID organizationId, String name, String dataRegion) {

    /** Checks that every field is present. */
    public OrganizationRegistered {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataRegion, "dataRegion");
    }
}
