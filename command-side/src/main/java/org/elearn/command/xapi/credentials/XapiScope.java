package org.elearn.command.xapi.credentials;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * The xAPI 1.0.3 authorization scopes a credential may hold (xAPI Communication, "OAuth 1.0
 * Authorization Scope"), and which of them each LRS resource and method accepts. The Basic chain
 * checks this table for every request, so resource controllers need no scope code of their own.
 */
public enum XapiScope {
    STATEMENTS_WRITE("statements/write"),
    STATEMENTS_READ("statements/read"),
    STATEMENTS_READ_MINE("statements/read/mine"),
    STATE("state"),
    DEFINE("define"),
    PROFILE("profile"),
    ALL_READ("all/read"),
    ALL("all");

    /** What a credential issued without {@code scopes} holds: what every client could do before scopes existed. */
    public static final Set<XapiScope> DEFAULT = Set.copyOf(EnumSet.of(STATEMENTS_WRITE, STATEMENTS_READ_MINE, STATE, PROFILE));

    private final String xapiName;

    XapiScope(String xapiName) {
        this.xapiName = xapiName;
    }

    /** The scope's name in xAPI, e.g. {@code statements/read/mine}. */
    public String xapiName() {
        return xapiName;
    }

    public static Optional<XapiScope> named(String name) {
        return Arrays.stream(values()).filter(scope -> scope.xapiName.equals(name)).findFirst();
    }

    static List<String> names(Set<XapiScope> scopes) {
        return scopes.stream().sorted().map(XapiScope::xapiName).toList();
    }

    /**
     * The scopes any one of which lets a request with this method reach this path under
     * {@code /xapi}; {@code ALL} alone for anything the table does not name. HEAD is read as GET.
     */
    public static Set<XapiScope> accepting(HttpMethod method, String path) {
        boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        Set<XapiScope> scopes = new LinkedHashSet<>();
        switch (path) {
            case "/xapi/statements" -> {
                if (read) {
                    scopes.addAll(List.of(STATEMENTS_READ, STATEMENTS_READ_MINE, ALL_READ));
                } else if (HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method)) {
                    scopes.add(STATEMENTS_WRITE);
                }
            }
            case "/xapi/activities/state" -> scopes.addAll(read ? List.of(STATE, ALL_READ) : List.of(STATE));
            case "/xapi/activities/profile", "/xapi/agents/profile" ->
                    scopes.addAll(read ? List.of(PROFILE, ALL_READ) : List.of(PROFILE));
            case "/xapi/activities", "/xapi/agents" -> {
                if (read) {
                    scopes.addAll(List.of(ALL_READ, PROFILE, STATE));
                }
            }
            default -> {
                if (read) {
                    scopes.add(ALL_READ);
                }
            }
        }
        scopes.add(ALL);
        return scopes;
    }
}
