package org.elearn.query.dashboard;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every response under {@code /dashboard/} and {@code /console/} carries a Content-Security-Policy that allows only this
 * origin's script, stylesheet and connections, and no inline script, style or event handler: the page
 * shows names that members typed, so markup slipped into one would run nothing. The page talks to
 * this side only (its sign-in is passed on to the command side server to server; the console's
 * command-side calls go through {@code /console/command/}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardContentSecurityPolicy implements WebFilter {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.startsWith("/dashboard/") || path.startsWith("/console/")) {
            exchange.getResponse().getHeaders().set("Content-Security-Policy", POLICY);
        }
        return chain.filter(exchange);
    }
}
