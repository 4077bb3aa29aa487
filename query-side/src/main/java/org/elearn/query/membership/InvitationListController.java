package org.elearn.query.membership;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.elearn.query.web.Paged;
import org.elearn.support.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/organizations/{id}/invitations}: the organization's invitations with their status,
 * for its administrators (sending, resending and revoking are the command side's). Read by
 * {@link InvitationQueries}.
 */
@RestController
class InvitationListController {

    private final InvitationQueries invitations;

    InvitationListController(InvitationQueries invitations) {
        this.invitations = invitations;
    }

    @GetMapping(path = "/api/organizations/{organizationId}/invitations", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Paged<InvitationQueries.Invitation>> invitations(
            @PathVariable UUID organizationId,
            @RequestParam(required = false) @Pattern(regexp = "SENT|EXPIRED|ACCEPTED|REVOKED") String status,
            @RequestParam(required = false) @Size(max = 320) String email,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            @RequestParam(defaultValue = "sentAt,desc")
            @Pattern(regexp = "(sentAt|invitedAt|expiresAt),(asc|desc)") String sort,
            @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        return invitations.page(organizationId, status, email, sort, page, size);
    }
}
