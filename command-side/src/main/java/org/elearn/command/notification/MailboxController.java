package org.elearn.command.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code GET /api/operator/mailbox?recipient=...}: the local sender's messages, for operators; absent otherwise. */
@RestController
@ConditionalOnBean(LocalMailboxSender.class)
record MailboxController(JdbcTemplate jdbc, ObjectMapper json) {

    @GetMapping(path = "/api/operator/mailbox", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<Map<String, Object>>> mailbox(@RequestParam String recipient, @AuthenticationPrincipal Jwt caller) {
        if (!Caller.hasRole(caller, Roles.OPERATOR)) {
            return Mono.error(Caller.forbidden(Roles.OPERATOR));
        }
        return Mono.fromCallable(() -> jdbc.query("""
                        SELECT recipient, subject, body, delivered_at, headers FROM local_mailbox WHERE recipient = ?
                         ORDER BY delivered_at DESC LIMIT 50""",
                        (rs, n) -> Map.<String, Object>of("recipient", rs.getString(1), "subject", rs.getString(2),
                                "body", rs.getString(3),
                                "deliveredAt", rs.getObject(4, OffsetDateTime.class).toInstant(),
                                "headers", headers(rs.getString(5))),
                        recipient))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Map<String, String> headers(String stored) {
        try {
            return json.readValue(stored, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the local mailbox holds headers as a JSON object", e);
        }
    }
}
