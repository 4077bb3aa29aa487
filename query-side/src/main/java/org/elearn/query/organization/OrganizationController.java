package org.elearn.query.organization;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.UUID;
import org.elearn.query.QueryErrors;
import org.elearn.query.web.Paged;
import org.elearn.support.errors.DomainException;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
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

    /**
     * Every organization by name, as a list; or, when {@code page} or {@code size} is given, one page
     * of them as {@code {items, page, size, total}} in the {@code sort} order (a service hosting
     * thousands pages them; the list stays for the clients that read it whole).
     */
    @GetMapping(path = "/api/organizations", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<?> list(@RequestParam(required = false) @Min(0) @Max(100_000) Integer page,
                 @RequestParam(required = false) @Min(1) @Max(500) Integer size,
                 @RequestParam(defaultValue = "name,asc") @Pattern(regexp = "(name|registeredAt),(asc|desc)") String sort,
                 @AuthenticationPrincipal Jwt caller) {
        if (!Caller.hasRole(caller, Roles.OPERATOR)) {
            return Mono.error(Caller.forbidden(Roles.OPERATOR));
        }
        if (page == null && size == null) {
            return organizations.all().collectList();
        }
        return organizations.page(sort, page == null ? 0 : page, size == null ? 50 : size);
    }

    /**
     * {@code GET /api/administrators}: the people who asked to administer any organization, for
     * operators, in one status ({@code PENDING}, {@code APPROVED}, {@code REJECTED}) or all, paged.
     */
    @GetMapping(path = "/api/administrators", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Paged<OrganizationQueries.ListedAdministrator>> allAdministrators(
            @RequestParam(required = false) @Pattern(regexp = "PENDING|APPROVED|REJECTED") String status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @AuthenticationPrincipal Jwt caller) {
        if (!Caller.hasRole(caller, Roles.OPERATOR)) {
            return Mono.error(Caller.forbidden(Roles.OPERATOR));
        }
        return organizations.administrators(status, page, size);
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
