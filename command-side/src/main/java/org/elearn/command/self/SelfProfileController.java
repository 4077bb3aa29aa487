package org.elearn.command.self;

import static org.elearn.command.membership.ProfileFields.optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.PhoneNumbers;
import org.elearn.command.instructor.InstructorAccounts;
import org.elearn.command.membership.MemberSelfService;
import org.elearn.command.membership.ProfileFields;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.elearn.command.CommandErrors;
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
 * {@code PUT /api/me/profile}: a user replaces their own profile, whichever kind of account they
 * have. A member of an organization sets their name, phone, nickname and gender (the fields the
 * privacy statement lets members keep current themselves; the rest of the record is the
 * administrator's); a self-registered instructor sets their name and phone, and is refused a
 * nickname or gender rather than having them dropped.
 */
@RestController
record SelfProfileController(MemberSelfService members, InstructorAccounts instructors) {

    record OwnProfile(@NotBlank @Size(max = 200) String name,
                      @Size(max = 32) @Pattern(regexp = "^$|" + PhoneNumbers.PATTERN, message = "must be a phone number")
                      String phone,
                      @Size(max = ProfileFields.NICKNAME_MAX) String nickname,
                      @Pattern(regexp = ProfileFields.GENDER, message = ProfileFields.GENDER_MESSAGE) String gender) {
    }

    @PutMapping(path = "/api/me/profile", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> edit(@Valid @RequestBody OwnProfile profile, @AuthenticationPrincipal Jwt caller) {
        UUID userId = UUID.fromString(caller.getSubject());
        String name = profile.name().strip();
        String phone = optional(profile.phone());
        String nickname = optional(profile.nickname());
        String gender = optional(profile.gender());
        return Mono.fromRunnable(() -> {
                    if (members.editOwnProfile(userId, name, phone, nickname, gender)) {
                        return;
                    }
                    if (Caller.hasRole(caller, Roles.INSTRUCTOR)) {
                        refuseMemberOnlyFields(nickname, gender);
                        instructors.updateProfile(userId, name, phone);
                    } else {
                        throw CommandErrors.NO_EDITABLE_PROFILE.refusal("This account has no profile to edit here.");
                    }
                })
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }

    /** An instructor's profile has no nickname or gender: refused, never silently dropped. */
    private static void refuseMemberOnlyFields(String nickname, String gender) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (nickname != null) {
            errors.add(Map.of("field", "nickname", "message", "is not part of an instructor's profile"));
        }
        if (gender != null) {
            errors.add(Map.of("field", "gender", "message", "is not part of an instructor's profile"));
        }
        if (!errors.isEmpty()) {
            throw CommandErrors.VALIDATION_FAILED.refusal("The request has invalid fields.",
                    Map.of("errors", errors));
        }
    }
}
