package org.elearn.query.course;

import java.util.UUID;
import org.elearn.query.QueryErrors;
import org.elearn.support.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The organization's catalog (its published courses) and a course's details, for the
 * organization's members. A draft is visible only to its own instructor; another organization's
 * courses do not exist.
 */
@RestController
class CatalogController {

    private final CourseQueries courses;

    CatalogController(CourseQueries courses) {
        this.courses = courses;
    }

    @GetMapping(path = "/api/organizations/{organizationId}/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<CourseQueries.Course> catalog(@PathVariable UUID organizationId, @AuthenticationPrincipal Jwt caller) {
        Caller.requireMemberOf(organizationId, caller);
        return courses.catalog(organizationId);
    }

    @GetMapping(path = "/api/organizations/{organizationId}/courses/{courseId}",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CourseQueries.Course> course(@PathVariable UUID organizationId, @PathVariable UUID courseId,
                                      @AuthenticationPrincipal Jwt caller) {
        Caller.requireMemberOf(organizationId, caller);
        return courses.course(organizationId, courseId)
                .filter(c -> !"DRAFT".equals(c.status()) || c.instructorId().toString().equals(caller.getSubject()))
                .switchIfEmpty(Mono.error(() -> QueryErrors.COURSE_NOT_FOUND.refusal("No course with this id.")));
    }
}
