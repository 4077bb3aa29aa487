package org.elearn.command.consent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.elearn.command.restriction.ProcessingLimits;
import org.elearn.events.consent.ConsentChannel;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The caller's own consents: {@code /api/me/consents} (current state, one purpose, history) and
 * {@code /api/me/cookie-consent} (the web client's cookie banner). Only ever the bearer's own:
 * nobody decides consent for someone else. The current state also says whether the caller's
 * processing is restricted and whether they object to analytics ({@code restricted},
 * {@code objected}), so a client offers only the step that applies.
 */
@RestController
record ConsentController(ConsentService consents, ProcessingLimits limits) {

    record DecisionRequest(@NotNull Boolean granted, @NotBlank @Size(max = 32) String policyVersion,
                           @NotNull ConsentChannel channel) {
    }

    record CookieChoice(@NotNull Boolean analytics, @NotNull Boolean personalisation,
                        @NotBlank @Size(max = 32) String policyVersion) {
    }

    /** The cookie banner's stored choice; {@code decided} false when the user never answered it. */
    record CookieState(boolean decided, boolean analytics, boolean personalisation, String currentPolicyVersion,
                       Map<String, ConsentService.Current> purposes) {
    }

    @GetMapping(path = "/api/me/consents", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> current(@AuthenticationPrincipal Jwt caller) {
        UUID userId = UUID.fromString(caller.getSubject());
        return blocking(() -> {
            ProcessingLimits.InPlace inPlace = limits.inPlace(userId);
            return Map.of("currentPolicyVersion", consents.policyVersion(), "purposes", consents.current(userId),
                    "restricted", inPlace.restricted(), "objected", inPlace.objected());
        });
    }

    @GetMapping(path = "/api/me/consents/history", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<ConsentService.Decision>> history(@AuthenticationPrincipal Jwt caller) {
        UUID userId = UUID.fromString(caller.getSubject());
        return blocking(() -> consents.history(userId));
    }

    @PutMapping(path = "/api/me/consents/{purpose}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ConsentService.Current> decide(@PathVariable String purpose, @Valid @RequestBody DecisionRequest request,
                                        @AuthenticationPrincipal Jwt caller) {
        UUID userId = UUID.fromString(caller.getSubject());
        return blocking(() -> consents.decide(userId, purpose, request.granted(), request.policyVersion(),
                request.channel()));
    }

    @PutMapping(path = "/api/me/cookie-consent", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CookieState> chooseCookies(@Valid @RequestBody CookieChoice choice, @AuthenticationPrincipal Jwt caller) {
        UUID userId = UUID.fromString(caller.getSubject());
        return blocking(() -> cookieState(consents.cookieChoice(userId, choice.analytics(), choice.personalisation(),
                choice.policyVersion())));
    }

    @GetMapping(path = "/api/me/cookie-consent", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CookieState> cookies(@AuthenticationPrincipal Jwt caller) {
        UUID userId = UUID.fromString(caller.getSubject());
        return blocking(() -> cookieState(consents.cookieState(userId)));
    }

    private CookieState cookieState(Map<String, ConsentService.Current> purposes) {
        ConsentService.Current analytics = purposes.get(ConsentPurposes.ANALYTICS_COOKIES);
        ConsentService.Current personalisation = purposes.get(ConsentPurposes.PERSONALISATION);
        boolean decided = !"NOT_ASKED".equals(analytics.state()) && !"NOT_ASKED".equals(personalisation.state());
        return new CookieState(decided, analytics.granted(), personalisation.granted(), consents.policyVersion(),
                purposes);
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
