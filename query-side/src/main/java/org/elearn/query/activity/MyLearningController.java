package org.elearn.query.activity;

import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/me/learning}: the caller's learning time, statement count and last activity. */
@RestController
class MyLearningController {

    private final ActivityQueries activity;

    MyLearningController(ActivityQueries activity) {
        this.activity = activity;
    }

    @GetMapping(path = "/api/me/learning", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ActivityQueries.Learning> learning(@AuthenticationPrincipal Jwt caller) {
        return activity.learning(UUID.fromString(caller.getSubject()));
    }
}
