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

    private static final String LIMIT = "/api/users/{userId}/{limit:restriction|objection}";

    private final ProcessingLimits limits;

    ProcessingLimitsController(ProcessingLimits limits) {
        this.limits = limits;
    }

    @PostMapping(LIMIT)
    Mono<ResponseEntity<Void>> place(@PathVariable UUID userId, @PathVariable String limit,
                                     @AuthenticationPrincipal Jwt caller) {
        SubjectAccess.Requester requester = SubjectAccess.requester(caller);
        return run(() -> limits.place(limit(limit), userId, requester));
    }

    @DeleteMapping(LIMIT)
    Mono<ResponseEntity<Void>> lift(@PathVariable UUID userId, @PathVariable String limit,
                                    @AuthenticationPrincipal Jwt caller) {
        SubjectAccess.Requester requester = SubjectAccess.requester(caller);
        return run(() -> limits.lift(limit(limit), userId, requester));
    }

    private static ProcessingLimits.Limit limit(String path) {
        return path.equals("restriction") ? ProcessingLimits.Limit.RESTRICTION : ProcessingLimits.Limit.OBJECTION;
    }

    private static Mono<ResponseEntity<Void>> run(Runnable change) {
        return Mono.fromRunnable(change).subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }
}
