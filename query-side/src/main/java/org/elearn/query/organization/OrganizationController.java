package org.elearn.query.organization;

import java.util.List;
import java.util.UUID;
import org.elearn.query.QueryErrors;
import org.elearn.support.errors.DomainException;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Organizations and their administrators, read by {@link OrganizationQueries}. Operators see all; an administrator
 * sees only their own organization (another organization is a 404 to them); others get 403.
 */
@RestController
class OrganizationController {

    private final OrganizationQueries organizations;

    OrganizationController(OrganizationQueries organizations) {
        this.organizations = organizations;
    }

    @GetMapping(path = "/api/organizations", produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<OrganizationQueries.Organization> list(@AuthenticationPrincipal Jwt caller) {
        if (!Caller.hasRole(caller, Roles.OPERATOR)) {
            return Flux.error(Caller.forbidden(Roles.OPERATOR));
        }
        return organizations.all();
    }

    @GetMapping(path = "/api/organizations/{organizationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<OrganizationQueries.Organization> organization(@PathVariable UUID organizationId, @AuthenticationPrincipal Jwt caller) {
        return authorize(organizationId, caller).then(organizations.byId(organizationId)
                .switchIfEmpty(Mono.error(OrganizationController::notFound)));
    }

    @GetMapping(path = "/api/organizations/{organizationId}/administrators", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<OrganizationQueries.Administrator>> administrators(@PathVariable UUID organizationId,
                                                                 @AuthenticationPrincipal Jwt caller) {
        return authorize(organizationId, caller).then(organizations.byId(organizationId)
                .switchIfEmpty(Mono.error(OrganizationController::notFound))
                .then(organizations.administrators(organizationId).collectList()));
    }

    private static Mono<Void> authorize(UUID organizationId, Jwt caller) {
        if (Caller.hasRole(caller, Roles.OPERATOR)) {
            return Mono.empty();
        }
        if (Caller.hasRole(caller, Roles.ORG_ADMIN)) {
            return Caller.membership(caller).belongsTo(organizationId) ? Mono.empty()
                    : Mono.error(notFound());
        }
        return Mono.error(Caller.forbidden(Roles.OPERATOR, Roles.ORG_ADMIN));
    }

    private static DomainException notFound() {
        return QueryErrors.ORGANIZATION_NOT_FOUND.refusal("No organization with this id.");
    }
}
