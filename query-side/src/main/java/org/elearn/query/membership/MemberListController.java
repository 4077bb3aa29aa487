package org.elearn.query.membership;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.elearn.support.security.Caller;
import org.elearn.query.web.Paged;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/organizations/{id}/members}: the organization's members for its administrators,
 * filtered by department, role and status, searched by text in the name or by the whole email (its
 * blind index: emails are sealed at rest), sorted and paged; and {@code GET …/departments}, the
 * departments its members are in, which the console's department pickers offer. Read by
 * {@link MemberQueries}.
 */
@RestController
class MemberListController {

    private final MemberQueries members;

    MemberListController(MemberQueries members) {
        this.members = members;
    }

    @GetMapping(path = "/api/organizations/{organizationId}/members", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Paged<MemberQueries.Member>> members(
            @PathVariable UUID organizationId,
            @RequestParam(required = false) @Size(max = 100) String department,
            @RequestParam(required = false) @Pattern(regexp = "TRAINEE|INSTRUCTOR") String role,
            @RequestParam(required = false) @Pattern(regexp = "ACTIVE|DEACTIVATED") String status,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            @RequestParam(defaultValue = "name,asc")
            @Pattern(regexp = "(name|department|status|joinedAt),(asc|desc)") String sort,
            @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        return members.page(organizationId, new MemberQueries.Filter(department, role, status, q), sort, page, size);
    }

    @GetMapping(path = "/api/organizations/{organizationId}/departments", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Paged<String>> departments(
            @PathVariable UUID organizationId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int size,
            @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        return members.departments(organizationId, page, size);
    }
}
