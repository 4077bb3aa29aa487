package org.elearn.command.xapi.credentials;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.elearn.command.CommandErrors;
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

    /**
     * @param scopes         xAPI scope names; {@link XapiScope#DEFAULT} when absent
     * @param allowedOrigins browser origins whose pages may use the credential (CORS); none when absent
     */
    record NewCredential(@NotBlank @Size(max = 100) String label, Boolean refusesUnknownActors,
                         @Size(max = 8) List<String> scopes, @Size(max = 20) List<String> allowedOrigins) {

        Set<XapiScope> scopeSet() {
            if (scopes == null) {
                return XapiScope.DEFAULT;
            }
            if (scopes.isEmpty()) {
                throw CommandErrors.INVALID_SCOPE.refusal("A credential needs at least one scope.");
            }
            Set<XapiScope> named = EnumSet.noneOf(XapiScope.class);
            for (int i = 0; i < scopes.size(); i++) {
                int index = i;
                named.add(XapiScope.named(scopes.get(i)).orElseThrow(() -> CommandErrors.INVALID_SCOPE.refusal(
                        "scopes[" + index + "] is not an xAPI scope; the scopes are "
                                + XapiScope.names(EnumSet.allOf(XapiScope.class)) + ".", Map.of("field", "scopes[" + index + "]"))));
            }
            return named;
        }

        List<String> originList() {
            if (allowedOrigins == null) {
                return List.of();
            }
            List<String> origins = new ArrayList<>();
            for (int i = 0; i < allowedOrigins.size(); i++) {
                int index = i;
                String origin = XapiOrigins.normalize(allowedOrigins.get(i)).orElseThrow(() -> CommandErrors.INVALID_ORIGIN
                        .refusal("allowedOrigins[" + index + "] is not an origin such as https://content.example "
                                + "(http or https, a host, an optional port, nothing after).",
                                Map.of("field", "allowedOrigins[" + index + "]")));
                if (!origins.contains(origin)) {
                    origins.add(origin);
                }
            }
            return origins;
        }
    }

    @PostMapping(path = "/api/organizations/{organizationId}/xapi-credentials",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> issue(@PathVariable UUID organizationId,
                                                    @Valid @RequestBody NewCredential request,
                                                    @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        UUID admin = UUID.fromString(caller.getSubject());
        boolean refuses = Boolean.TRUE.equals(request.refusesUnknownActors());
        Set<XapiScope> scopes = request.scopeSet();
        List<String> origins = request.originList();
        return Mono.fromCallable(() -> credentials.issue(organizationId, request.label(), refuses, scopes, origins, admin))
                .subscribeOn(Schedulers.boundedElastic())
                .map(issued -> ResponseEntity
                        .created(URI.create("/api/organizations/" + organizationId + "/xapi-credentials/" + issued.key()))
                        .body(Map.of("key", issued.key(), "secret", issued.secret(), "refusesUnknownActors", refuses,
                                "scopes", XapiScope.names(scopes), "allowedOrigins", origins)));
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
