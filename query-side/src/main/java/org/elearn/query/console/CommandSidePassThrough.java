package org.elearn.query.console;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.elearn.query.QueryErrors;
import org.elearn.support.security.AuthProperties;
import org.elearn.support.web.SideRoutes;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /console/command/**}: the console (static files under {@code /console/}, served by this side)
 * reaches the command side's routes through here, so the page talks to one origin only, its
 * Content-Security-Policy can keep {@code connect-src 'self'}, and the command side needs no CORS.
 * {@code /console/command/api/x} goes to the command side's {@code /api/x}, but only when
 * routes.txt lists that method and path as the command side's, under {@code /api/}: this is no open
 * proxy (no actuator, no other host, and not the xAPI resources, which devices and content call
 * directly with their own credentials). The request and response bodies are streamed, never held here, so a CSV upload
 * or an error file passes through whole; the command side applies its own authentication, roles,
 * size limits and throttling, and answers problem+json as to anyone. Like the dashboard's login,
 * the client's address goes on in {@code X-Forwarded-For} (replacing any the client sent), which
 * the command side believes from its {@code learning.login.trusted-proxies} only.
 *
 * <p>Behind a reverse proxy or Ingress that routes paths by side, the console works the same: the
 * proxy sends {@code /console/**} here.
 */
@RestController
@EnableConfigurationProperties(ConsoleProperties.class)
class CommandSidePassThrough {

    static final String PREFIX = "/console/command";
    private static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            HttpHeaders.CONTENT_LENGTH, HttpHeaders.ACCEPT, HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH);
    private static final List<String> RESPONSE_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH,
            HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION, HttpHeaders.ETAG,
            HttpHeaders.LAST_MODIFIED, HttpHeaders.CACHE_CONTROL, HttpHeaders.WWW_AUTHENTICATE);

    private final WebClient commandSide;
    private final URI base;
    private final SideRoutes routes = new SideRoutes(SideRoutes.QUERY_SIDE);

    CommandSidePassThrough(WebClient.Builder web, AuthProperties auth, ConsoleProperties console) {
        this.base = console.commandSideUri().isBlank()
                ? URI.create(auth.jwksUri()).resolve("/") : URI.create(console.commandSideUri());
        this.commandSide = web.build();
    }

    @RequestMapping(path = PREFIX + "/**", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.DELETE})
    Mono<Void> pass(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value().substring(PREFIX.length());
        PathContainer parsed = PathContainer.parsePath(path);
        // a segment that decodes to a dot segment or holds a slash would change the path on the way
        boolean unsafe = parsed.elements().stream().filter(PathContainer.PathSegment.class::isInstance)
                .map(e -> ((PathContainer.PathSegment) e).valueToMatch())
                .anyMatch(v -> v.equals(".") || v.equals("..") || v.contains("/") || v.contains("\\"));
        // by method: a path the query side also serves (GET /api/me/profile) is the command side's for PUT
        boolean commandRoute = !unsafe && path.startsWith("/api/")
                && routes.serves(SideRoutes.COMMAND_SIDE, request.getMethod(), parsed);
        if (!commandRoute) {
            return Mono.error(QueryErrors.NOT_A_COMMAND_ROUTE.refusal(
                    "The command side has no route for this method and path."));
        }
        String query = request.getURI().getRawQuery();
        String client = Optional.ofNullable(request.getRemoteAddress()).map(InetSocketAddress::getAddress)
                .map(InetAddress::getHostAddress).orElse("unknown");
        return commandSide.method(request.getMethod())
                .uri(base.resolve(path + (query == null ? "" : "?" + query)))
                .headers(headers -> {
                    REQUEST_HEADERS.forEach(name -> {
                        List<String> values = request.getHeaders().get(name);
                        if (values != null) {
                            headers.put(name, values);
                        }
                    });
                    headers.set("X-Forwarded-For", client);
                })
                .body(BodyInserters.fromDataBuffers(request.getBody()))
                .exchangeToMono(answer -> {
                    ServerHttpResponse response = exchange.getResponse();
                    response.setStatusCode(answer.statusCode());
                    RESPONSE_HEADERS.forEach(name -> {
                        List<String> values = answer.headers().header(name);
                        if (!values.isEmpty()) {
                            response.getHeaders().put(name, values);
                        }
                    });
                    return response.writeWith(answer.bodyToFlux(DataBuffer.class));
                });
    }
}
