package org.elearn.command.restriction;

import java.util.UUID;
import org.elearn.command.privacy.SubjectAccess;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The rights to restriction and to object: {@code POST} places, {@code DELETE} lifts, on
 * {@code /api/users/{userId}/restriction} and {@code /api/users/{userId}/objection}. The user, their
 * organization's administrator or an operator may; each answers 204.
 */
@RestController
class ProcessingLimitsController {

    @FunctionalInterface
    private interface Change {
        void apply(UUID userId, SubjectAccess.Requester requester);
    }

    private final ProcessingLimits limits;

    ProcessingLimitsController(ProcessingLimits limits) {
        this.limits = limits;
    }

    @PostMapping("/api/users/{userId}/restriction")
    Mono<ResponseEntity<Void>> restrict(@PathVariable UUID userId, @AuthenticationPrincipal Jwt caller) {
        return run(limits::restrict, userId, caller);
    }

    @DeleteMapping("/api/users/{userId}/restriction")
    Mono<ResponseEntity<Void>> lift(@PathVariable UUID userId, @AuthenticationPrincipal Jwt caller) {
        return run(limits::lift, userId, caller);
    }

    @PostMapping("/api/users/{userId}/objection")
    Mono<ResponseEntity<Void>> object(@PathVariable UUID userId, @AuthenticationPrincipal Jwt caller) {
        return run(limits::object, userId, caller);
    }

    @DeleteMapping("/api/users/{userId}/objection")
    Mono<ResponseEntity<Void>> withdraw(@PathVariable UUID userId, @AuthenticationPrincipal Jwt caller) {
        return run(limits::withdrawObjection, userId, caller);
    }

    private static Mono<ResponseEntity<Void>> run(Change change, UUID userId, Jwt caller) {
        SubjectAccess.Requester requester = SubjectAccess.requester(caller);
        return Mono.fromRunnable(() -> change.apply(userId, requester))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }
}
