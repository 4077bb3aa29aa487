package org.elearn.query.consistency;

import java.util.UUID;
import org.elearn.query.QueryErrors;
import org.elearn.support.security.Caller;
import org.elearn.support.web.ConcurrencyGate;
import org.elearn.tenancy.Roles;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/operations/consistency[?organization=]}: operators compare the projections'
 * totals with the event store ({@link ConsistencyCheck}). One check at a time per instance; another
 * is told to retry.
 */
@RestController
class ConsistencyController {

    private final ConsistencyCheck check;
    private final ConcurrencyGate running = new ConcurrencyGate(1);

    ConsistencyController(ConsistencyCheck check) {
        this.check = check;
    }

    @GetMapping(path = "/api/operations/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ConsistencyCheck.Result> check(@RequestParam(required = false) UUID organization,
                                         @AuthenticationPrincipal Jwt caller) {
        Caller.requireAnyRole(caller, Roles.OPERATOR);
        return running.guard(QueryErrors.CHECKS_BUSY, "Another consistency check is running; try again shortly.",
                Mono.fromCallable(() -> check.run(organization)).subscribeOn(Schedulers.boundedElastic()));
    }
}
