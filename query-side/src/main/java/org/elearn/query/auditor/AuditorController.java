package org.elearn.query.auditor;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.elearn.query.web.Paged;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/auditors}: the appointed auditors, paged, for operators only. */
@RestController
class AuditorController {

    private final AuditorQueries auditors;

    AuditorController(AuditorQueries auditors) {
        this.auditors = auditors;
    }

    @GetMapping(path = "/api/auditors", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Paged<AuditorQueries.Auditor>> auditors(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @AuthenticationPrincipal Jwt caller) {
        if (!Caller.hasRole(caller, Roles.OPERATOR)) {
            return Mono.error(Caller.forbidden(Roles.OPERATOR));
        }
        return auditors.page(page, size);
    }
}
