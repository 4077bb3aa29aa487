package org.elearn.query.activity;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/me/learning}: the caller's learning time, statement count and last activity. */
@RestController
class MyLearningController {

    private final DatabaseClient db;

    MyLearningController(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping(path = "/api/me/learning", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> learning(@AuthenticationPrincipal Jwt caller) {
        return db.sql("SELECT learning_millis, statements, last_activity FROM learning_activity WHERE trainee_id = :me")
                .bind("me", UUID.fromString(caller.getSubject()))
                .map(row -> {
                    Map<String, Object> learning = new LinkedHashMap<>();
                    learning.put("learningSeconds", row.get("learning_millis", Long.class) / 1000);
                    learning.put("statements", row.get("statements", Long.class));
                    learning.put("lastActivity", row.get("last_activity", OffsetDateTime.class).toInstant());
                    return learning;
                }).one()
                .defaultIfEmpty(Map.of("learningSeconds", 0L, "statements", 0L));
    }
}
