package org.elearn.command.course;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Course assignment by administrators, and subscription by trainees. */
@RestController
class EnrolmentController {

    private final EnrolmentService enrolments;

    EnrolmentController(EnrolmentService enrolments) {
        this.enrolments = enrolments;
    }

    record Assignment(@Size(max = 10_000) List<@NotNull UUID> memberIds,
                      @Size(max = 100) List<@NotNull @Size(max = 100) String> departments) {
    }

    @PostMapping(path = "/api/organizations/{organizationId}/courses/{courseId}/assignments",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<EnrolmentService.Assigned> assign(@PathVariable UUID organizationId, @PathVariable UUID courseId,
                                           @Valid @RequestBody Assignment assignment,
                                           @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        List<UUID> members = assignment.memberIds() == null ? List.of() : assignment.memberIds();
        List<String> departments = assignment.departments() == null ? List.of() : assignment.departments();
        return Mono.fromCallable(() -> enrolments.assign(organizationId, courseId, members, departments))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping(path = "/api/organizations/{organizationId}/courses/{courseId}/subscription")
    Mono<ResponseEntity<Void>> subscribe(@PathVariable UUID organizationId, @PathVariable UUID courseId,
                                         @AuthenticationPrincipal Jwt caller) {
        UUID trainee = Caller.requireRoleIn(organizationId, Roles.TRAINEE, caller);
        return Mono.fromRunnable(() -> enrolments.subscribe(organizationId, courseId, trainee))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }

    @DeleteMapping(path = "/api/organizations/{organizationId}/courses/{courseId}/subscription")
    Mono<ResponseEntity<Void>> unsubscribe(@PathVariable UUID organizationId, @PathVariable UUID courseId,
                                           @AuthenticationPrincipal Jwt caller) {
        UUID trainee = Caller.requireRoleIn(organizationId, Roles.TRAINEE, caller);
        return Mono.fromRunnable(() -> enrolments.unsubscribe(organizationId, courseId, trainee))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }
}
