package org.elearn.query.privacy;

import java.util.UUID;
import org.elearn.query.instructor.InstructorQueries;
import org.elearn.query.membership.MemberQueries;
import org.elearn.query.organization.OrganizationQueries;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code GET /api/me/profile}: the caller's own records, as each projection holds them, in camelCase. */
@RestController
record OwnProfileController(MemberQueries members, InstructorQueries instructors, OrganizationQueries organizations) {

    /** The caller's records; null for a role they do not have. */
    record OwnProfile(UUID userId, MemberQueries.OwnMember member, InstructorQueries.OwnInstructor instructor,
                      OrganizationQueries.OwnAdministrator administrator) {
    }

    @GetMapping(path = "/api/me/profile", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<OwnProfile> profile(@AuthenticationPrincipal Jwt caller) {
        UUID userId = UUID.fromString(caller.getSubject());
        return Mono.fromCallable(() -> new OwnProfile(userId, members.ownNow(userId).orElse(null),
                        instructors.ownNow(userId).orElse(null), organizations.ownNow(userId).orElse(null)))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
