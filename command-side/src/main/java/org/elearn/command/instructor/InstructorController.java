package org.elearn.command.instructor;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code POST /api/instructors}: instructor self-registration. */
@RestController
class InstructorController {

    private final InstructorRegistration registration;

    InstructorController(InstructorRegistration registration) {
        this.registration = registration;
    }

    record RegisterInstructorRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 32) @Pattern(regexp = "^\\+?[0-9][0-9 ()-]{3,30}$",
                    message = "must be a phone number: digits, spaces, parentheses, dashes, optional leading +")
            String phone,
            @NotBlank @Size(min = 12, max = 128) String password) {
    }

    record Registered(UUID instructorId) {
    }

    @PostMapping(path = "/api/instructors", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Registered>> register(@Valid @RequestBody RegisterInstructorRequest request) {
        // Lazy and off the Netty event loop: hashing, JDBC and the command bus all block.
        return Mono.fromCallable(() -> registration.register(request.name().strip(), request.email().strip(),
                        request.phone().strip(), request.password()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(id -> ResponseEntity.created(URI.create("/api/instructors/" + id)).body(new Registered(id)));
    }
}
