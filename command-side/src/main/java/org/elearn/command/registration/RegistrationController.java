package org.elearn.command.registration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.elearn.command.identity.ClientAddress;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/registrations/verification}: the code mailed after {@code POST /api/instructors} or
 * {@code POST /api/administrators} completes that registration, answering what registering used to
 * answer (201, the new account's location and id).
 */
@RestController
record RegistrationController(PendingRegistrations registrations, ClientAddress clientAddresses) {

    record VerificationRequest(@NotBlank @Size(max = 100) String code) {
    }

    @PostMapping(path = "/api/registrations/verification", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> verify(@Valid @RequestBody VerificationRequest request,
                                                     ServerHttpRequest http) {
        String clientAddress = clientAddresses.of(http);
        return Mono.fromCallable(() -> registrations.verify(request.code().strip(), clientAddress))
                .subscribeOn(Schedulers.boundedElastic())
                .map(registered -> ResponseEntity.created(registered.location()).body(registered.body()));
    }
}
