package org.elearn.support.web;

import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Applies {@link ControlCharacters} to what arrives outside the body: every query parameter (named in
 * the problem) and every decoded path segment (named {@code path}, since no route has matched yet).
 * Runs first, so a refused character never reaches security, a handler or a query.
 */
public class TextInputFilter implements WebFilter, Ordered {

    private final Problems problems;

    public TextInputFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String refused = refusedField(exchange);
        if (refused != null) {
            return problems.write(exchange, problems.toProblem(ControlCharacters.refusal(refused)));
        }
        return chain.filter(exchange);
    }

    private static String refusedField(ServerWebExchange exchange) {
        for (PathContainer.Element element : exchange.getRequest().getPath().pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment && ControlCharacters.refused(segment.valueToMatch())) {
                return "path";
            }
        }
        for (Map.Entry<String, List<String>> parameter : exchange.getRequest().getQueryParams().entrySet()) {
            if (ControlCharacters.refused(parameter.getKey())) {
                return "(a query parameter's name)";
            }
            if (parameter.getValue().stream().anyMatch(ControlCharacters::refused)) {
                return parameter.getKey().length() > 100 ? parameter.getKey().substring(0, 100) + "…" : parameter.getKey();
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after the body size check
    }
}
