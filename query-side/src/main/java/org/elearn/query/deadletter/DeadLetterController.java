package org.elearn.query.deadletter;

import java.util.List;
import org.elearn.query.QueryErrors;
import org.elearn.support.axon.DeadLetters;
import org.elearn.support.errors.DomainException;
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
 * Operators see the query side's parked events and decide about each:
 * {@code GET /api/operations/dead-letters} lists them per processing group (event type, global
 * index, cause, retries; never the payload), {@code POST …/{group}/{id}/retry} handles the letter's
 * sequence again, {@code POST …/{group}/{id}/skip} drops the letter. Any instance answers.
 */
@RestController
class DeadLetterController {

    private static final int LISTED_PER_GROUP = 100;
    private static final String LETTER = "/api/operations/dead-letters/{group}/{id}";

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping(path = "/api/operations/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<DeadLetters.Group>> list(@AuthenticationPrincipal Jwt caller) {
        Caller.requireAnyRole(caller, Roles.OPERATOR);
        return Mono.fromCallable(() -> deadLetters.list(LISTED_PER_GROUP)).subscribeOn(Schedulers.boundedElastic());
    }

    /** What came of handling a letter's sequence again. */
    record Retried(DeadLetters.RetryOutcome outcome) {
    }

    @PostMapping(path = LETTER + "/retry", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Retried> retry(@PathVariable String group, @PathVariable String id, @AuthenticationPrincipal Jwt caller) {
        Caller.requireAnyRole(caller, Roles.OPERATOR);
        return Mono.fromCallable(() -> deadLetters.retry(group, id).orElseThrow(DeadLetterController::unknown))
                .subscribeOn(Schedulers.boundedElastic())
                .map(Retried::new);
    }

    @PostMapping(path = LETTER + "/skip")
    Mono<ResponseEntity<Void>> skip(@PathVariable String group, @PathVariable String id,
                                    @AuthenticationPrincipal Jwt caller) {
        Caller.requireAnyRole(caller, Roles.OPERATOR);
        return Mono.fromCallable(() -> {
                    if (!deadLetters.skip(group, id)) {
                        throw unknown();
                    }
                    return ResponseEntity.noContent().<Void>build();
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static DomainException unknown() {
        return QueryErrors.NO_DEAD_LETTER.refusal("No such dead letter in this processing group.");
    }
}
