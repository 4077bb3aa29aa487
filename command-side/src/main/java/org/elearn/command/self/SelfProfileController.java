package org.elearn.command.self;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.elearn.command.instructor.InstructorAccounts;
import org.elearn.command.membership.MemberSelfService;
import org.elearn.support.security.Caller;
import org.elearn.support.security.Roles;
import org.elearn.support.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code PUT /api/me/profile}: a user changes their own name and phone, whichever kind of account
 * they have: a member of an organization, or a self-registered instructor.
 */
@RestController
class SelfProfileController {

    private final MemberSelfService members;
    private final InstructorAccounts instructors;

    SelfProfileController(MemberSelfService members, InstructorAccounts instructors) {
        this.members = members;
        this.instructors = instructors;
    }

    record OwnProfile(@NotBlank @Size(max = 200) String name,
                      @Size(max = 32) @Pattern(regexp = "^$|^\\+?[0-9][0-9 ()-]{3,30}$", message = "must be a phone number")
                      String phone) {
    }

    @PutMapping(path = "/api/me/profile", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> edit(@Valid @RequestBody OwnProfile profile, @AuthenticationPrincipal Jwt caller) {
        UUID userId = UUID.fromString(caller.getSubject());
        String name = profile.name().strip();
        String phone = profile.phone() == null || profile.phone().isBlank() ? null : profile.phone().strip();
        return Mono.fromRunnable(() -> {
                    if (members.isMember(userId)) {
                        members.editOwnProfile(userId, name, phone);
                    } else if (Caller.hasRole(caller, Roles.INSTRUCTOR)) {
                        instructors.updateProfile(userId, name, phone);
                    } else {
                        throw new ApiException(HttpStatus.NOT_FOUND, "no-editable-profile",
                                "This account has no profile to edit here.");
                    }
                })
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }
}
