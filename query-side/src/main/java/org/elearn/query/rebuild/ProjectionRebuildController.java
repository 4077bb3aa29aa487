package org.elearn.query.rebuild;

import java.util.List;
import java.util.UUID;
import org.elearn.query.QueryErrors;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Operators rebuild projections: {@code POST /api/operations/projections/{name}/rebuild} starts one
 * (202), {@code GET} on the same path follows it (position, head, rate, ETA), and
 * {@code GET /api/operations/projections} lists what can be rebuilt. Any instance answers.
 */
@RestController
class ProjectionRebuildController {

    private static final String REBUILD = "/api/operations/projections/{name}/rebuild";

    private final ProjectionRebuilds rebuilds;

    ProjectionRebuildController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping(path = "/api/operations/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    List<String> projections(@AuthenticationPrincipal Jwt caller) {
        operator(caller);
        return rebuilds.names();
    }

    @PostMapping(path = REBUILD, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ProjectionRebuilds.Status>> rebuild(@PathVariable String name,
                                                            @AuthenticationPrincipal Jwt caller) {
        operator(caller);
        return Mono.fromCallable(() -> rebuilds.start(name, UUID.fromString(caller.getSubject())))
                .subscribeOn(Schedulers.boundedElastic())
                .map(status -> ResponseEntity.accepted().body(status));
    }

    @GetMapping(path = REBUILD, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ProjectionRebuilds.Status> status(@PathVariable String name, @AuthenticationPrincipal Jwt caller) {
        operator(caller);
        return Mono.fromCallable(() -> rebuilds.status(name).orElseThrow(() -> QueryErrors.NO_REBUILD.refusal(
                "This projection has never been rebuilt.")))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static void operator(Jwt caller) {
        Caller.requireAnyRole(caller, Roles.OPERATOR);
    }
}
