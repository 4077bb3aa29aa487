package org.elearn.support.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which service serves which route, read from {@value #RESOURCE}, so that a request sent to the wrong
 * side is told which side serves it. The list is also docs/routes.md; local-run's {@code RoutesTest}
 * checks both against the real mappings of the two sides, so none can drift.
 */
public final class SideRoutes {

    /** One line of the list: {@code command-side POST /api/instructors}. */
    static final String RESOURCE = "org/elearn/support/web/routes.txt";

    /** The service names ({@code spring.application.name}); routes of both sides (health, API docs) are {@code both}. */
    public static final String COMMAND_SIDE = "command-side";
    public static final String QUERY_SIDE = "query-side";
    public static final String BOTH = "both";

    /** One route: the side that serves it, the method and Spring's path pattern. */
    public record Route(String side, String method, String pattern) {

        @Override
        public String toString() {
            return side + " " + method + " " + pattern;
        }
    }

    private record Parsed(Route route, PathPattern pattern) {
    }

    private final String side;
    private final List<Parsed> routes;

    /** The routes as seen from {@code side}, one of {@link #COMMAND_SIDE} and {@link #QUERY_SIDE}. */
    public SideRoutes(String side) {
        this.side = side;
        this.routes = all().stream().map(route -> new Parsed(route, PathPatternParser.defaultInstance.parse(route.pattern())))
                .toList();
    }

    /** Every route, as listed. */
    public static List<Route> all() {
        try (InputStream in = SideRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.strip().split("\\s+"))
                    .map(parts -> new Route(parts[0], parts[1], parts[2]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The other side's route for this request, when this side serves nothing there and the other
     * side does.
     */
    public Optional<Route> servedElsewhere(HttpMethod method, PathContainer path) {
        if (!side.equals(COMMAND_SIDE) && !side.equals(QUERY_SIDE)) {
            return Optional.empty();
        }
        boolean here = routes.stream().anyMatch(r -> (r.route().side().equals(side) || r.route().side().equals(BOTH))
                && r.pattern().matches(path));
        if (here) {
            return Optional.empty(); // a wrong method or an absent resource on this side, not the other side's route
        }
        return routes.stream().filter(r -> !r.route().side().equals(side) && r.route().method().equals(method.name())
                && r.pattern().matches(path)).map(Parsed::route).findFirst();
    }

    /**
     * Whether the list has {@code serving} answer this method on this path. A path may be served by
     * both sides with different methods ({@code GET /api/me/profile} here, {@code PUT} there), so the
     * method decides, not the path alone.
     */
    public boolean serves(String serving, HttpMethod method, PathContainer path) {
        return routes.stream().anyMatch(r -> r.route().side().equals(serving) && r.route().method().equals(method.name())
                && r.pattern().matches(path));
    }

    /** How a reader names a side, with its default port and the variable that moves it. */
    static String describe(String side) {
        return side.equals(COMMAND_SIDE) ? "the command side (port 8080 unless COMMAND_SIDE_PORT moves it)"
                : "the query side (port 8081 unless QUERY_SIDE_PORT moves it)";
    }
}
