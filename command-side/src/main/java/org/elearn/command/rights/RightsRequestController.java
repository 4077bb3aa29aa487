package org.elearn.command.rights;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Rights requests as tracked: the bearer's own ({@code GET /api/me/rights-requests}) and, for an
 * organization's administrators, their organization's ({@code GET /api/organizations/{org}/rights-requests};
 * another organization is a 404, other roles 403). Served by the command side, which writes the
 * table in the same transaction as the request's events.
 */
@RestController
record RightsRequestController(RightsRequests requests, Clock clock) {

    @GetMapping(path = "/api/me/rights-requests", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<RightsRequests.Request>> mine(@AuthenticationPrincipal Jwt caller) {
        UUID userId = UUID.fromString(caller.getSubject());
        return Mono.fromCallable(() -> requests.ofSubject(userId)).subscribeOn(Schedulers.boundedElastic());
    }

    /** For operators: open requests past the one-month deadline (at most 1,000, oldest first). */
    @GetMapping(path = "/api/operations/rights-requests/overdue", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<RightsRequests.Request>> overdue(@AuthenticationPrincipal Jwt caller) {
        Caller.requireAnyRole(caller, Roles.OPERATOR);
        return Mono.fromCallable(() -> requests.overdue(clock.instant(), 1000)).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(path = "/api/organizations/{organizationId}/rights-requests", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<RightsRequests.Request>> organization(@PathVariable UUID organizationId,
                                                    @AuthenticationPrincipal Jwt caller) {
        return Mono.fromCallable(() -> {
            Caller.requireAdministratorOf(organizationId, caller);
            return requests.ofOrganization(organizationId);
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
