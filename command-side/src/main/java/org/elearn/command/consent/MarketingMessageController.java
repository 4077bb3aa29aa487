package org.elearn.command.consent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.elearn.command.organization.OrganizationDirectory;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.elearn.command.CommandErrors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/organizations/{id}/marketing-messages}: a plain-text marketing mail to the
 * organization's members who consent to it. Sent by the organization's administrators, whose
 * members they are, or by an operator for any organization. The subject becomes a mail header, so
 * it holds no control character at all; the text holds none but line breaks and tabs.
 */
@RestController
record MarketingMessageController(MarketingMessages messages, OrganizationDirectory organizations) {

    record Message(@NotBlank @Size(max = 200) @Pattern(regexp = "\\P{Cc}*", message = "must not contain control characters")
                   String subject,
                   @NotBlank @Size(max = 20_000) @Pattern(regexp = "[\\t\\n\\r\\P{Cc}]*",
                           message = "must not contain control characters other than line breaks and tabs")
                   String text) {
    }

    @PostMapping(path = "/api/organizations/{organizationId}/marketing-messages",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<MarketingMessages.Queued>> send(@PathVariable UUID organizationId,
                                                        @Valid @RequestBody Message message,
                                                        @AuthenticationPrincipal Jwt caller) {
        boolean operator = Caller.hasRole(caller, Roles.OPERATOR);
        if (!operator) {
            Caller.requireAdministratorOf(organizationId, caller);
        }
        return Mono.fromCallable(() -> {
            if (operator && !organizations.exists(organizationId)) {
                throw CommandErrors.ORGANIZATION_NOT_FOUND.refusal("No organization with this id.");
            }
            return messages.send(organizationId, message.subject().strip(), message.text());
        }).subscribeOn(Schedulers.boundedElastic()).map(queued -> ResponseEntity.accepted().body(queued));
    }
}
