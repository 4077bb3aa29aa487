package org.elearn.query.instructor;

import java.util.UUID;
import org.elearn.query.QueryErrors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/instructors/{id}}: the public profile, open to everyone. */
@RestController
class InstructorProfileController {

    private final InstructorQueries profiles;

    InstructorProfileController(InstructorQueries profiles) {
        this.profiles = profiles;
    }

    @GetMapping(path = "/api/instructors/{instructorId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<InstructorProfile> profile(@PathVariable UUID instructorId) {
        // An empty Mono would answer 200 with no body: absence is a 404 problem.
        return profiles.profile(instructorId)
                .switchIfEmpty(Mono.error(() -> QueryErrors.INSTRUCTOR_NOT_FOUND.refusal(
                        "No instructor profile with this id.")));
    }
}
