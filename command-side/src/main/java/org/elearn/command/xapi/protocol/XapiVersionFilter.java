package org.elearn.command.xapi.protocol;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.elearn.command.CommandErrors;
import org.elearn.support.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * xAPI's version handshake on every {@code /xapi/} request: the request must say
 * {@code X-Experience-API-Version: 1.0.x} (else 400 before anything else, even authentication), and
 * every response, errors included, says {@code 1.0.3}. About is the exception: a client asks it
 * which versions to speak, so it may come without the header (one it gives is still checked). A
 * statement sent with a content type other than {@code application/json} or {@code multipart/mixed}
 * is a 400, as the conformance suite expects, not a 415. A method a resource does not have is a 405
 * (with {@code Allow}) before authentication, as the suite sends it without a credential. Every answer
 * to a statement read (GET or HEAD), errors included, says {@code X-Experience-API-Consistent-Through}:
 * a statement is acknowledged only once committed, and reads see every commit, so it is the time of
 * the answer (the read controller sets it again after its query).
 */
@Component
record XapiVersionFilter(Problems problems, Clock clock) implements WebFilter, Ordered {

    static final String HEADER = "X-Experience-API-Version";
    static final String VERSION = "1.0.3";
    static final String CONSISTENT_THROUGH = "X-Experience-API-Consistent-Through";
    private static final String STATEMENTS = "/xapi/statements";
    private static final Pattern SUPPORTED = Pattern.compile("1\\.0(\\.\\d+)?");
    private static final List<HttpMethod> READ = List.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final List<HttpMethod> DOCUMENT = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT,
            HttpMethod.POST, HttpMethod.DELETE);
    /** The methods of each LRS resource (xAPI 1.0.3, Communication 2); other paths are left to routing. */
    private static final Map<String, List<HttpMethod>> METHODS = Map.of(
            XapiAboutController.PATH, READ,
            STATEMENTS, List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.POST),
            "/xapi/activities/state", DOCUMENT,
            "/xapi/activities/profile", DOCUMENT,
            "/xapi/agents/profile", DOCUMENT,
            "/xapi/activities", READ,
            "/xapi/agents", READ);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!path(exchange).startsWith("/xapi/")) {
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().set(HEADER, VERSION);
        HttpMethod method = exchange.getRequest().getMethod();
        if (STATEMENTS.equals(path(exchange)) && READ.contains(method)) {
            exchange.getResponse().getHeaders().set(CONSISTENT_THROUGH, clock.instant().toString());
        }
        String version = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (version == null && !XapiAboutController.PATH.equals(path(exchange))) {
            return problems.write(exchange, Problems.problem(HttpStatus.BAD_REQUEST, "missing-xapi-version",
                    "The " + HEADER + " header is required."));
        }
        if (version != null && !SUPPORTED.matcher(version.strip()).matches()) {
            return problems.write(exchange, Problems.problem(HttpStatus.BAD_REQUEST, "unsupported-xapi-version",
                    "This service speaks xAPI 1.0.x; the request asked for " + version.strip().replaceAll("[^0-9.]", "?")
                            + "."));
        }
        List<HttpMethod> allowed = METHODS.get(path(exchange));
        if (allowed != null && !allowed.contains(method) && !HttpMethod.OPTIONS.equals(method)) {
            String names = String.join(", ", allowed.stream().map(HttpMethod::name).toList());
            exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, names);
            return problems.write(exchange, Problems.problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                    "This resource answers " + names + "."));
        }
        if (sendsStatementsAsAnotherType(exchange.getRequest())) {
            return problems.write(exchange, problems.toProblem(CommandErrors.UNSUPPORTED_CONTENT_TYPE.refusal(
                    "Statements are sent as application/json, or as multipart/mixed with attachments.")));
        }
        return chain.filter(exchange);
    }

    private static String path(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().pathWithinApplication().value();
    }

    private static boolean sendsStatementsAsAnotherType(ServerHttpRequest request) {
        if (!(HttpMethod.POST.equals(request.getMethod()) || HttpMethod.PUT.equals(request.getMethod()))
                || !STATEMENTS.equals(request.getPath().pathWithinApplication().value())) {
            return false;
        }
        MediaType type;
        try {
            type = request.getHeaders().getContentType();
        } catch (InvalidMediaTypeException e) {
            return true;
        }
        return type == null || !(MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                || MediaType.MULTIPART_MIXED.equalsTypeAndSubtype(type));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 4; // after CORS (preflights carry no version) and the alternate syntax
    }
}
