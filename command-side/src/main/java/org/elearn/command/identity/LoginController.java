package org.elearn.command.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code POST /api/auth/login}: email and password in, bearer token out. */
@RestController
record LoginController(LoginService logins, ClientAddress clientAddress) {

    record LoginRequest(@NotBlank @Email @Size(max = 254) String email,
                        @NotBlank @Size(max = 128) String password) {
    }

    @PostMapping(path = "/api/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<TokenIssuer.AccessToken> login(@Valid @RequestBody LoginRequest request, ServerHttpRequest http) {
        String address = clientAddress.of(http);
        return Mono.fromCallable(() -> logins.login(request.email(), request.password(), address))
                .subscribeOn(Schedulers.boundedElastic());
    }

    record PasswordChange(@NotBlank @Size(max = 128) String currentPassword,
                          @NotBlank @Size(min = 12, max = 128) String newPassword) {
    }

    /**
     * {@code POST /api/me/password}: a new password ends every other session; answers a fresh token.
     * Wrong current passwords are throttled like logins (429 with {@code Retry-After}), so a stolen
     * token cannot be used to guess the password.
     */
    @PostMapping(path = "/api/me/password", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<TokenIssuer.AccessToken> changePassword(@Valid @RequestBody PasswordChange change,
                                                 @AuthenticationPrincipal Jwt caller, ServerHttpRequest http) {
        UUID userId = UUID.fromString(caller.getSubject());
        String address = clientAddress.of(http);
        return Mono.fromCallable(() -> logins.changePassword(userId, change.currentPassword(), change.newPassword(),
                        address))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
