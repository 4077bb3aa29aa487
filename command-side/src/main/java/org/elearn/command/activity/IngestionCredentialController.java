package org.elearn.command.activity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.support.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** An organization's administrators issue, list and revoke its xAPI ingestion credentials. */
@RestController
class IngestionCredentialController {

    private final IngestionCredentials credentials;

    IngestionCredentialController(IngestionCredentials credentials) {
        this.credentials = credentials;
    }

    record NewCredential(@NotBlank @Size(max = 100) String label, Boolean refusesUnknownActors) {
    }

    @PostMapping(path = "/api/organizations/{organizationId}/xapi-credentials",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> issue(@PathVariable UUID organizationId,
                                                    @Valid @RequestBody NewCredential request,
                                                    @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        UUID admin = UUID.fromString(caller.getSubject());
        boolean refuses = Boolean.TRUE.equals(request.refusesUnknownActors());
        return Mono.fromCallable(() -> credentials.issue(organizationId, request.label(), refuses, admin))
                .subscribeOn(Schedulers.boundedElastic())
                .map(issued -> ResponseEntity
                        .created(URI.create("/api/organizations/" + organizationId + "/xapi-credentials/" + issued.key()))
                        .body(Map.of("key", issued.key(), "secret", issued.secret(), "refusesUnknownActors", refuses)));
    }

    @GetMapping(path = "/api/organizations/{organizationId}/xapi-credentials", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<Map<String, Object>>> list(@PathVariable UUID organizationId, @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        return Mono.fromCallable(() -> credentials.list(organizationId)).subscribeOn(Schedulers.boundedElastic());
    }

    @DeleteMapping(path = "/api/organizations/{organizationId}/xapi-credentials/{key}")
    Mono<ResponseEntity<Void>> revoke(@PathVariable UUID organizationId,
                                      @PathVariable @Pattern(regexp = "xk_[0-9a-f]{20}") String key,
                                      @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        UUID admin = UUID.fromString(caller.getSubject());
        return Mono.fromRunnable(() -> credentials.revoke(organizationId, key, admin))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }
}
