package org.elearn.query.dashboard;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import org.elearn.support.security.AuthProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * {@code POST /dashboard/login}: the dashboard page (served by this side, {@code /dashboard/index.html})
 * signs in with the same tokens as everything else, so it passes the login on to the command side
 * and answers what the command side answered (with its {@code Retry-After}). Server to server, so the
 * command side needs no CORS. The command side throttles failures per client address, so this service
 * names the client in {@code X-Forwarded-For}, replacing any such header the client sent; the command
 * side believes it only from its {@code learning.login.trusted-proxies} (loopback by default, as in the
 * all-in-one run). Behind a reverse proxy, set {@code server.forward-headers-strategy} here so the
 * client's address is the proxy's client, not the proxy.
 */
@RestController
@EnableConfigurationProperties(DashboardProperties.class)
class DashboardLoginController {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final WebClient commandSide;

    /** The login URI is {@code learning.dashboard.login-uri}, else the JWKS URI's host with {@code /api/auth/login}. */
    DashboardLoginController(WebClient.Builder web, AuthProperties auth,
                             DashboardProperties dashboard) {
        String loginUri = dashboard.loginUri();
        String uri = loginUri.isBlank()
                ? java.net.URI.create(auth.jwksUri()).resolve("/api/auth/login").toString() : loginUri;
        this.commandSide = web.baseUrl(uri).build();
    }

    record Login(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 200) String password) {
    }

    @PostMapping(path = "/dashboard/login", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> login(@Valid @RequestBody Login login, ServerHttpRequest request) {
        String client = Optional.ofNullable(request.getRemoteAddress()).map(InetSocketAddress::getAddress)
                .map(InetAddress::getHostAddress).orElse("unknown");
        return commandSide.post().contentType(MediaType.APPLICATION_JSON).header(FORWARDED_FOR, client)
                .bodyValue(Map.of("email", login.email(), "password", login.password()))
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> ResponseEntity.status(response.statusCode())
                                .contentType(response.headers().contentType().orElse(MediaType.APPLICATION_JSON))
                                .headers(h -> response.headers().header(HttpHeaders.RETRY_AFTER)
                                        .forEach(value -> h.add(HttpHeaders.RETRY_AFTER, value)))
                                .body(body)));
    }
}
