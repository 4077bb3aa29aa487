package org.elearn.command.consent;

import java.util.Map;
import org.elearn.support.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/unsubscribe?token=...}: the RFC 8058 one-click unsubscribe, public. The mail
 * client posts the form body {@code List-Unsubscribe=One-Click}; the signed token says whose consent
 * to which purpose is withdrawn. A GET does nothing (link scanners follow links), and repeating the
 * POST answers the same.
 */
@RestController
class UnsubscribeController {

    private final UnsubscribeLinks links;
    private final ConsentService consents;

    UnsubscribeController(UnsubscribeLinks links, ConsentService consents) {
        this.links = links;
        this.consents = consents;
    }

    @PostMapping(path = "/api/unsubscribe", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, String>> unsubscribe(@RequestParam String token, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            if (!"One-Click".equals(form.getFirst("List-Unsubscribe"))) {
                return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "not-one-click",
                        "The body must be List-Unsubscribe=One-Click (RFC 8058)."));
            }
            UnsubscribeLinks.Target target = links.verify(token).orElseThrow(() -> new ApiException(
                    HttpStatus.BAD_REQUEST, "invalid-unsubscribe-link", "This unsubscribe link is not valid."));
            return Mono.fromRunnable(() -> consents.withdrawByLink(target.userId(), target.purpose()))
                    .subscribeOn(Schedulers.boundedElastic())
                    .thenReturn(Map.of("purpose", target.purpose(), "state", "WITHDRAWN"));
        });
    }
}
