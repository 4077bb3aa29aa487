package org.elearn.query.course;

import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** {@code GET /api/me/enrolments}: the courses the caller is enrolled in, with their progress and certificate. */
@RestController
class MyEnrolmentsController {

    private final CourseQueries courses;

    MyEnrolmentsController(CourseQueries courses) {
        this.courses = courses;
    }

    @GetMapping(path = "/api/me/enrolments", produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<CourseQueries.Enrolment> enrolments(@AuthenticationPrincipal Jwt caller) {
        return courses.enrolments(UUID.fromString(caller.getSubject()));
    }
}
