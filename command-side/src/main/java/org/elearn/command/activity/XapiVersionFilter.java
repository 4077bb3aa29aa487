package org.elearn.command.activity;

import java.util.regex.Pattern;
import org.elearn.support.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * xAPI's version handshake on every {@code /xapi/} request: the request must say
 * {@code X-Experience-API-Version: 1.0.x} (else 400 before anything else, even authentication), and
 * every response, errors included, says {@code 1.0.3}.
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
        if (!exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/xapi/")) {
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().set(HEADER, VERSION);
        String version = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (version == null) {
            return problems.write(exchange, Problems.problem(HttpStatus.BAD_REQUEST, "missing-xapi-version",
                    "The " + HEADER + " header is required."));
        }
        if (!SUPPORTED.matcher(version.strip()).matches()) {
            return problems.write(exchange, Problems.problem(HttpStatus.BAD_REQUEST, "unsupported-xapi-version",
                    "This service speaks xAPI 1.0.x; the request asked for " + version.strip().replaceAll("[^0-9.]", "?")
                            + "."));
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2; // after the shared body size and text checks
    }
}
