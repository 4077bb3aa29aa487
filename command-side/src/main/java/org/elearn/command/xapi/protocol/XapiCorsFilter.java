package org.elearn.command.xapi.protocol;

import java.util.Optional;
import org.elearn.command.CommandErrors;
import org.elearn.command.xapi.credentials.IngestionCredentials;
import org.elearn.command.xapi.credentials.XapiOrigins;
import org.elearn.support.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * CORS for content hosted in browsers, on the LRS's resources and About. A preflight carries no
 * credential, so it is answered (204, before the version handshake and authentication) for an origin
 * that some credential not revoked allows; the actual request is then held to its own credential's
 * origins by the Basic chain ({@code 403 origin-not-allowed}). Responses to an allowed origin name it
 * in {@code Access-Control-Allow-Origin} (never {@code *}) and expose the xAPI headers.
 */
@Component
record XapiCorsFilter(IngestionCredentials credentials, Problems problems) implements WebFilter, Ordered {

    static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match";
    static final String EXPOSED_HEADERS = "ETag, Last-Modified, X-Experience-API-Version, X-Experience-API-Consistent-Through";
    static final String MAX_AGE_SECONDS = "600";

    /** The paths browsers' content may reach: the Basic chain's and About (not agent erasure, an administrator's). */
    static boolean served(String path) {
        return path.startsWith("/xapi/") && !path.equals("/xapi/agents/erasure");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String origin = request.getHeaders().getOrigin();
        if (origin == null || !served(request.getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        boolean preflight = HttpMethod.OPTIONS.equals(request.getMethod())
                && request.getHeaders().containsKey(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        Optional<String> normalized = XapiOrigins.normalize(origin);
        return normalized.map(this::allowed).orElse(Mono.just(false)).flatMap(allowed -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            if (allowed) {
                headers.setAccessControlAllowOrigin(origin);
            }
            if (!preflight) {
                if (allowed) {
                    headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
                }
                return chain.filter(exchange);
            }
            headers.set(XapiVersionFilter.HEADER, XapiVersionFilter.VERSION);
            if (!allowed) {
                return problems.write(exchange, problems.toProblem(CommandErrors.ORIGIN_NOT_ALLOWED.refusal(
                        "No credential of this service allows pages from this origin.")));
            }
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            headers.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
            exchange.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
            return exchange.getResponse().setComplete();
        });
    }

    /** Cached on the event loop; looked up off it otherwise. */
    private Mono<Boolean> allowed(String origin) {
        return Mono.justOrEmpty(credentials.cachedOriginAllowed(origin))
                .switchIfEmpty(Mono.fromCallable(() -> credentials.originAllowed(origin))
                        .subscribeOn(Schedulers.boundedElastic()));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2; // after the shared body size and text checks, before the version handshake
    }
}
