package org.elearn.command.privacy;

import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/users/{userId}/erasure}: erases a user's personal data everywhere. Answers 202:
 * the key is destroyed when it answers; projections follow within moments. Idempotent.
 */
@RestController
class ErasureController {

    private final ErasureService erasure;

    ErasureController(ErasureService erasure) {
        this.erasure = erasure;
    }

    @PostMapping(path = "/api/users/{userId}/erasure", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> erase(@PathVariable UUID userId, @AuthenticationPrincipal Jwt caller) {
        SubjectAccess.Requester requester = SubjectAccess.requester(caller);
        return Mono.fromRunnable(() -> erasure.erase(userId, requester))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.fromSupplier(() -> ResponseEntity.accepted()
                        .body(Map.<String, Object>of("userId", userId, "status", "erased"))));
    }
}
