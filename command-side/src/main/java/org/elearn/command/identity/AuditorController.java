package org.elearn.command.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.elearn.events.audit.AuditorAppointed;
import org.elearn.tenancy.Roles;
import org.elearn.command.CommandErrors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/auditors} (operators only): appoints an auditor, an account with the AUDITOR role
 * and no organization, which reads the audit stream and verifies the history. With
 * {@code mayReveal} it also gets the AUDIT_REVEAL permission, to see personal data decrypted.
 * The operator sets the first password and hands it over out of band.
 */
@RestController
record AuditorController(AccountStore accounts, PasswordEncoder passwords, EventGateway events,
                         TransactionTemplate tx) {

    record AppointAuditor(@NotBlank @Email @Size(max = 254) String email,
                          @NotBlank @Size(min = 12, max = 128) String password,
                          boolean mayReveal) {
    }

    @PostMapping(path = "/api/auditors", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, UUID>>> appoint(@Valid @RequestBody AppointAuditor request,
                                                    @AuthenticationPrincipal Jwt operator) {
        return Mono.fromCallable(() -> appoint(request, UUID.fromString(operator.getSubject())))
                .subscribeOn(Schedulers.boundedElastic())
                .map(id -> ResponseEntity.created(URI.create("/api/auditors/" + id)).body(Map.of("auditorId", id)));
    }

    private UUID appoint(AppointAuditor request, UUID operatorId) {
        UUID auditorId = UUID.randomUUID();
        String hash = passwords.encode(request.password());
        List<String> roles = request.mayReveal() ? List.of(Roles.AUDITOR.name(), Roles.AUDIT_REVEAL.name())
                : List.of(Roles.AUDITOR.name());
        tx.executeWithoutResult(status -> {
            if (!accounts.open(request.email(), auditorId, hash, roles, null, AccountStore.Status.ACTIVE)) {
                throw CommandErrors.EMAIL_TAKEN.refusal("An account with this email exists.");
            }
            events.publish(new AuditorAppointed(auditorId, request.email().strip(), request.mayReveal(), operatorId));
        });
        return auditorId;
    }
}
