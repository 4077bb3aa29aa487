package org.elearn.tenancy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * What a validated token says about its bearer, as far as tenancy goes: the role names it carries
 * and the organization the bearer belongs to. The operator and auditors belong to none
 * ({@code organization} is null); a role name this code does not know is carried but never matches.
 */
public record Membership(List<String> roles, String organization) {

    public Membership {
        roles = roles == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(roles));
    }

    public boolean hasRole(Roles role) {
        return roles.contains(role.name());
    }

    public boolean hasAnyRole(Roles... allowed) {
        return Arrays.stream(allowed).anyMatch(this::hasRole);
    }

    /** Whether the bearer belongs to this organization. */
    public boolean belongsTo(UUID organizationId) {
        return organizationId.toString().equals(organization);
    }
}
