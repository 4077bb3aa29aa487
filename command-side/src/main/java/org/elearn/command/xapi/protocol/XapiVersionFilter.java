package org.elearn.command.xapi.protocol;

import java.util.regex.Pattern;
import org.elearn.command.CommandErrors;
import org.elearn.support.web.Problems;
import org.springframework.core.Ordered;
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
 * is a 400, as the conformance suite expects, not a 415.
 */
@Component
class XapiVersionFilter implements WebFilter, Ordered {

    static final String HEADER = "X-Experience-API-Version";
    static final String VERSION = "1.0.3";
    private static final Pattern SUPPORTED = Pattern.compile("1\\.0(\\.\\d+)?");

    private final Problems problems;

    XapiVersionFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!path(exchange).startsWith("/xapi/")) {
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().set(HEADER, VERSION);
        String version = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (version == null && XapiAboutController.PATH.equals(path(exchange))) {
            return chain.filter(exchange);
        }
        if (version == null) {
            return problems.write(exchange, Problems.problem(HttpStatus.BAD_REQUEST, "missing-xapi-version",
                    "The " + HEADER + " header is required."));
        }
        if (!SUPPORTED.matcher(version.strip()).matches()) {
            return problems.write(exchange, Problems.problem(HttpStatus.BAD_REQUEST, "unsupported-xapi-version",
                    "This service speaks xAPI 1.0.x; the request asked for " + version.strip().replaceAll("[^0-9.]", "?")
                            + "."));
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
                || !"/xapi/statements".equals(request.getPath().pathWithinApplication().value())) {
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
