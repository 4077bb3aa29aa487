package org.elearn.command.membership;

import static org.elearn.command.membership.ProfileFields.optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import org.elearn.support.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Member administration by the organization's administrators. */
@RestController
class MemberController {

    private final MemberAdministration members;

    MemberController(MemberAdministration members) {
        this.members = members;
    }

    record EditRequest(@Size(max = ProfileFields.NICKNAME_MAX) String nickname,
                       @Pattern(regexp = ProfileFields.GENDER, message = ProfileFields.GENDER_MESSAGE) String gender,
                       @Size(max = 64) String employeeId,
                       @NotBlank @Email @Size(max = 254) String email,
                       @Size(max = 200) String position,
                       @PastOrPresent LocalDate entryDate,
                       @Size(max = 100) String department) {
    }

    @PutMapping(path = "/api/organizations/{organizationId}/members/{memberId}",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> edit(@PathVariable UUID organizationId, @PathVariable UUID memberId,
                                    @Valid @RequestBody EditRequest request, @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        MemberAdministration.Edit edit = new MemberAdministration.Edit(optional(request.nickname()),
                optional(request.gender()), optional(request.employeeId()), request.email().strip(),
                optional(request.position()), request.entryDate(), optional(request.department()));
        return done(() -> members.edit(organizationId, memberId, edit));
    }

    @PostMapping(path = "/api/organizations/{organizationId}/members/{memberId}/deactivation")
    Mono<ResponseEntity<Void>> deactivate(@PathVariable UUID organizationId, @PathVariable UUID memberId,
                                          @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        return done(() -> members.deactivate(organizationId, memberId));
    }

    @PostMapping(path = "/api/organizations/{organizationId}/members/{memberId}/reactivation")
    Mono<ResponseEntity<Void>> reactivate(@PathVariable UUID organizationId, @PathVariable UUID memberId,
                                          @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        return done(() -> members.reactivate(organizationId, memberId));
    }

    private static Mono<ResponseEntity<Void>> done(Runnable change) {
        return Mono.fromRunnable(change).subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }
}
