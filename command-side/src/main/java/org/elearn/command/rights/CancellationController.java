package org.elearn.command.rights;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.elearn.command.identity.ClientAddress;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.elearn.command.CommandErrors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/me/cancellation}: the bearer cancels their own account (202; its tokens stop
 * working at once). {@code POST /api/cancellation/withdrawal} (public, email and password): takes
 * the cancellation back during the cool-off (204); then log in as before.
 */
@RestController
record CancellationController(CancellationService cancellations, ClientAddress clientAddress) {

    record Withdrawal(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {
    }

    @PostMapping(path = "/api/me/cancellation", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CancellationService.Cancelled>> cancel(@AuthenticationPrincipal Jwt caller) {
        if (Caller.hasRole(caller, Roles.OPERATOR)) {
            // the platform must keep an operator; another operator closes such an account
            return Mono.error(CommandErrors.FORBIDDEN.refusal(
                    "An operator account cannot be cancelled by self-service."));
        }
        UUID userId = UUID.fromString(caller.getSubject());
        return Mono.fromCallable(() -> cancellations.cancel(userId))
                .subscribeOn(Schedulers.boundedElastic())
                .map(cancelled -> ResponseEntity.accepted().body(cancelled));
    }

    @PostMapping(path = "/api/cancellation/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> withdraw(@Valid @RequestBody Withdrawal withdrawal, ServerHttpRequest http) {
        String address = clientAddress.of(http);
        return Mono.fromRunnable(() -> cancellations.withdraw(withdrawal.email(), withdrawal.password(), address))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
    }
}
