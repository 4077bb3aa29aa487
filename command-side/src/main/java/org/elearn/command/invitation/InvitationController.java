package org.elearn.command.invitation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.elearn.command.identity.ClientAddress;
import org.elearn.events.membership.InvitedRole;
import org.elearn.support.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Invitations: issued, resent and revoked by the organization's administrators; accepted by anyone
 * with the code (and, for an email that already has an account, that account's password).
 */
@RestController
record InvitationController(InvitationService invitations, ClientAddress clientAddresses) {

    record InviteRequest(@NotBlank @Email @Size(max = 254) String email, @NotNull InvitedRole role) {
    }

    record AcceptRequest(@NotBlank @Size(max = 100) String code, @NotBlank @Size(max = 200) String name,
                         @NotBlank @Size(min = 12, max = 128) String password) {
    }

    @PostMapping(path = "/api/organizations/{organizationId}/invitations", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<InvitationService.Issued>> invite(@PathVariable UUID organizationId,
                                                          @Valid @RequestBody InviteRequest request,
                                                          @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        return Mono.fromCallable(() -> invitations.invite(organizationId, request.email().strip(), request.role()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(issued -> ResponseEntity.created(URI.create("/api/organizations/" + organizationId
                        + "/invitations/" + issued.invitationId())).body(issued));
    }

    @PostMapping(path = "/api/organizations/{organizationId}/invitations/{invitationId}/resend",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<InvitationService.Issued> resend(@PathVariable UUID organizationId, @PathVariable UUID invitationId,
                                          @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        return Mono.fromCallable(() -> invitations.resend(organizationId, invitationId))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping(path = "/api/organizations/{organizationId}/invitations/{invitationId}/revocation")
    Mono<ResponseEntity<Void>> revoke(@PathVariable UUID organizationId, @PathVariable UUID invitationId,
                                      @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        return Mono.fromRunnable(() -> invitations.revoke(organizationId, invitationId))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }

    @PostMapping(path = "/api/invitations/acceptance", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<InvitationService.Joined>> accept(@Valid @RequestBody AcceptRequest request,
                                                          ServerHttpRequest http) {
        String clientAddress = clientAddresses.of(http);
        return Mono.fromCallable(() -> invitations.accept(request.code().strip(), request.name().strip(),
                        request.password(), clientAddress))
                .subscribeOn(Schedulers.boundedElastic())
                .map(joined -> ResponseEntity.status(201).body(joined));
    }
}
