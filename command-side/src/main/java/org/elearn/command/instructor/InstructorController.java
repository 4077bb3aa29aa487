package org.elearn.command.instructor;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.elearn.command.PhoneNumbers;
import org.elearn.command.identity.ClientAddress;
import org.elearn.command.registration.PendingRegistrations;
import org.elearn.events.instructor.InstructorPublicProfileEdited;
import org.elearn.events.instructor.WorkExperience;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.elearn.command.CommandErrors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code POST /api/instructors}: instructor self-registration, and instructors' profiles. */
@RestController
record InstructorController(InstructorAccounts accounts, PendingRegistrations registrations,
                            ClientAddress clientAddresses) {

    static final String PHONE_MESSAGE = "must be a phone number: digits, spaces, parentheses, dashes, optional leading +";

    record RegisterInstructorRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 32) @Pattern(regexp = PhoneNumbers.PATTERN, message = PHONE_MESSAGE) String phone,
            @NotBlank @Size(min = 12, max = 128) String password) {
    }

    record UpdateProfileRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 32) @Pattern(regexp = PhoneNumbers.PATTERN, message = PHONE_MESSAGE) String phone) {
    }

    /**
     * Answers 202 {@code verification-sent} whether the email is new or taken; the mailed code
     * completes the registration (see {@link PendingRegistrations}).
     */
    @PostMapping(path = "/api/instructors", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, String>>> register(@Valid @RequestBody RegisterInstructorRequest request,
                                                       ServerHttpRequest http) {
        String clientAddress = clientAddresses.of(http);
        InstructorAccounts.Details details = new InstructorAccounts.Details(request.name().strip(),
                request.email().strip(), request.phone().strip());
        // Lazy and off the Netty event loop: hashing, JDBC and the outbox all block.
        return Mono.fromRunnable(() -> registrations.request(accounts, details.email(), details, request.password(),
                        clientAddress))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.accepted().body(PendingRegistrations.VERIFICATION_SENT)));
    }

    /** {@code PUT /api/instructors/{id}/profile}: the instructor themself, or an operator. */
    @PutMapping(path = "/api/instructors/{instructorId}/profile", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> updateProfile(@PathVariable UUID instructorId,
                                             @Valid @RequestBody UpdateProfileRequest request,
                                             @AuthenticationPrincipal Jwt caller) {
        boolean allowed = instructorId.toString().equals(caller.getSubject())
                || Caller.hasRole(caller, Roles.OPERATOR);
        if (!allowed) {
            return Mono.error(CommandErrors.FORBIDDEN.refusal(
                    "Only the instructor or an operator may change this profile."));
        }
        return Mono.fromRunnable(() -> accounts.updateProfile(instructorId, request.name().strip(),
                        request.phone().strip()))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }

    static final String HTTPS = "^https://\\S{1,2040}$";

    record WorkExperienceRequest(@NotBlank @Size(max = 200) String organization, @NotBlank @Size(max = 200) String title,
                                 @NotNull YearMonth from, YearMonth to) {
    }

    record PublicProfileRequest(
            @Pattern(regexp = HTTPS, message = "must be an https URL") String avatarUri,
            @Size(max = 50) String gender,
            @Size(max = 500) String introduction,
            @Size(max = 200) String headline,
            @Size(max = 5000) String biography,
            @Pattern(regexp = "^[a-z]{2,3}(-[A-Z]{2})?$", message = "must be a language tag such as en or pt-BR")
            String language,
            @Pattern(regexp = HTTPS, message = "must be an https URL") String website,
            @Size(max = 10) List<@NotNull @Pattern(regexp = HTTPS, message = "must be an https URL") String> socialLinks,
            @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 code such as SG") String country,
            @Size(max = 20) List<@Valid @NotNull WorkExperienceRequest> workExperience) {
    }

    /**
     * {@code PUT /api/instructors/{id}/public-profile}: the instructor themself, or an operator; for
     * any instructor, self-registered or a member invited to teach.
     */
    @PutMapping(path = "/api/instructors/{instructorId}/public-profile", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> editPublicProfile(@PathVariable UUID instructorId,
                                                 @Valid @RequestBody PublicProfileRequest request,
                                                 @AuthenticationPrincipal Jwt caller) {
        if (!instructorId.toString().equals(caller.getSubject()) && !Caller.hasRole(caller, Roles.OPERATOR)) {
            return Mono.error(CommandErrors.FORBIDDEN.refusal(
                    "Only the instructor or an operator may change this profile."));
        }
        List<WorkExperience> history = request.workExperience() == null ? null : request.workExperience().stream()
                .map(w -> new WorkExperience(w.organization().strip(), w.title().strip(), w.from(), w.to())).toList();
        InstructorPublicProfileEdited edit = new InstructorPublicProfileEdited(instructorId, request.avatarUri(),
                request.gender(), request.introduction(), request.headline(), request.biography(), request.language(),
                request.website(), request.socialLinks(), request.country(), history);
        return Mono.fromRunnable(() -> accounts.editPublicProfile(edit))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }
}
