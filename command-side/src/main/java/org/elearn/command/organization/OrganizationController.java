package org.elearn.command.organization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.events.organization.DocumentType;
import org.elearn.events.organization.QualificationDocument;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.elearn.command.PhoneNumbers;
import org.elearn.command.identity.ClientAddress;
import org.elearn.command.registration.PendingRegistrations;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Organizations (operators register them) and their administrators (anyone may ask, with documents;
 * an operator approves or rejects). Role rules are in the security configuration.
 */
@RestController
record OrganizationController(OrganizationService service, PendingRegistrations registrations,
                              ClientAddress clientAddresses) {

    record RegisterOrganizationRequest(@NotBlank @Size(max = 200) String name,
                                       @NotBlank @Pattern(regexp = "^[a-z]{2}(-[a-z0-9]{1,10})?$",
                                               message = "must be a region code such as sg or eu") String dataRegion) {
    }

    record DocumentRequest(@NotNull DocumentType type,
                           @NotBlank @Size(max = 2048) @Pattern(regexp = "^(https|urn):\\S+$",
                                   message = "must be an https or urn URI") String uri,
                           @NotBlank @Pattern(regexp = "^[0-9a-f]{64}$", message = "must be 64 lowercase hex digits")
                           String sha256) {
    }

    record RegisterAdministratorRequest(@NotNull UUID organizationId,
                                        @NotBlank @Size(max = 200) String name,
                                        @NotBlank @Email @Size(max = 254) String email,
                                        @Size(max = 32)
                                        @Pattern(regexp = PhoneNumbers.PATTERN, message = "must be a phone number")
                                        String phone,
                                        @Size(max = 200) String occupation,
                                        @NotBlank @Size(min = 12, max = 128) String password,
                                        @Size(max = 10) List<@Valid @NotNull DocumentRequest> documents) {
    }

    record Decision(@Size(max = 2000) String reason) {
    }

    @PostMapping(path = "/api/organizations", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, UUID>>> registerOrganization(@Valid @RequestBody RegisterOrganizationRequest request) {
        return Mono.fromCallable(() -> service.registerOrganization(request.name().strip(), request.dataRegion()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(id -> ResponseEntity.created(URI.create("/api/organizations/" + id))
                        .body(Map.of("organizationId", id)));
    }

    /**
     * Answers 202 {@code verification-sent} whether the email is new or taken; the mailed code
     * completes the registration (see {@link PendingRegistrations}).
     */
    @PostMapping(path = "/api/administrators", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, String>>> registerAdministrator(
            @Valid @RequestBody RegisterAdministratorRequest request, ServerHttpRequest http) {
        String clientAddress = clientAddresses.of(http);
        List<QualificationDocument> documents = request.documents() == null ? List.of()
                : request.documents().stream()
                        .map(d -> new QualificationDocument(d.type(), d.uri(), d.sha256())).toList();
        OrganizationService.AdministratorDetails details = new OrganizationService.AdministratorDetails(
                request.organizationId(), request.name().strip(), request.email().strip(),
                blankToNull(request.phone()), blankToNull(request.occupation()), documents);
        return Mono.fromRunnable(() -> {
                    service.requireOrganization(details.organizationId());
                    registrations.request(service, details.email(), details, request.password(), clientAddress);
                })
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.accepted().body(PendingRegistrations.VERIFICATION_SENT)));
    }

    @PostMapping(path = "/api/administrators/{administratorId}/approval")
    Mono<ResponseEntity<Void>> approve(@PathVariable UUID administratorId, @AuthenticationPrincipal Jwt operator) {
        UUID operatorId = UUID.fromString(operator.getSubject());
        return Mono.fromRunnable(() -> service.approve(administratorId, operatorId))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }

    @PostMapping(path = "/api/administrators/{administratorId}/rejection", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> reject(@PathVariable UUID administratorId, @Valid @RequestBody Decision decision,
                                      @AuthenticationPrincipal Jwt operator) {
        UUID operatorId = UUID.fromString(operator.getSubject());
        return Mono.fromRunnable(() -> service.reject(administratorId, operatorId, blankToNull(decision.reason())))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
