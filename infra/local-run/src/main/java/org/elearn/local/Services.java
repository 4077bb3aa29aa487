package org.elearn.local;

import java.util.HashMap;
import java.util.Map;
import org.elearn.command.CommandSideApplication;
import org.elearn.query.QuerySideApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Both services in one JVM, each in its own Spring context with its own configuration file, port and
 * connection pools, exactly as they run when deployed apart. The query side is pointed at the
 * command side's JWKS.
 */
public final class Services implements AutoCloseable {

    private final ConfigurableApplicationContext commandSide; // null when only the query side runs
    private final ConfigurableApplicationContext querySide; // null when only the command side runs

    private Services(ConfigurableApplicationContext commandSide, ConfigurableApplicationContext querySide) {
        this.commandSide = commandSide;
        this.querySide = querySide;
    }

    /**
     * Starts the command side, then the query side.
     *
     * @param common settings for both (database, secrets), taking precedence over their files
     * @param commandSideOnly settings for the command side only
     * @param querySideOnly settings for the query side only
     */
    public static Services start(Map<String, Object> common, Map<String, Object> commandSideOnly,
                                 Map<String, Object> querySideOnly) {
        return start(common, commandSideOnly, querySideOnly, context -> { });
    }

    /**
     * As {@link #start(Map, Map, Map)}, with an initializer for the command side's context, e.g. to
     * register a test clock before its beans are created.
     */
    public static Services start(Map<String, Object> common, Map<String, Object> commandSideOnly,
                                 Map<String, Object> querySideOnly,
                                 ApplicationContextInitializer<ConfigurableApplicationContext> commandSideInitializer) {
        QuerySideApplication.limitWritesInFlight(); // before the command side's Netty sends anything
        Map<String, Object> command = new HashMap<>(common);
        command.putAll(commandSideOnly);
        SpringApplication commandApplication = CommandSideApplication.application();
        commandApplication.addInitializers(commandSideInitializer);
        ConfigurableApplicationContext commandSide = run(commandApplication, command);
        try {
            Map<String, Object> query = new HashMap<>(common);
            query.put("learning.auth.jwks-uri", "http://localhost:" + port(commandSide) + "/.well-known/jwks.json");
            query.putAll(querySideOnly);
            return new Services(commandSide, run(QuerySideApplication.application(), query));
        } catch (RuntimeException e) {
            commandSide.close();
            throw e;
        }
    }

    /** Only the command side, e.g. to measure it without the query side sharing its cores. */
    public static Services startCommandSideOnly(Map<String, Object> common, Map<String, Object> commandSideOnly) {
        Map<String, Object> command = new HashMap<>(common);
        command.putAll(commandSideOnly);
        return new Services(run(CommandSideApplication.application(), command), null);
    }

    /**
     * Only the query side, e.g. one query-side instance of a deployment. It validates tokens against
     * {@code learning.auth.jwks-uri} as configured (the command side's default address unless set).
     */
    public static Services startQuerySideOnly(Map<String, Object> common) {
        QuerySideApplication.limitWritesInFlight();
        return new Services(null, run(QuerySideApplication.application(), new HashMap<>(common)));
    }

    static ConfigurableApplicationContext run(SpringApplication application, Map<String, Object> settings) {
        application.addInitializers(context -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("local-run", settings)));
        return application.run();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((ReactiveWebServerApplicationContext) context).getWebServer().getPort();
    }

    public int commandSidePort() {
        return commandSide == null ? -1 : port(commandSide);
    }

    public int querySidePort() {
        return querySide == null ? -1 : port(querySide);
    }

    public ConfigurableApplicationContext commandSide() {
        return commandSide;
    }

    public ConfigurableApplicationContext querySide() {
        return querySide;
    }

    /** Stops the query side first: its processors read what the command side writes. Ctrl-C goes
     * through Spring Boot's own shutdown hook instead, which closes both contexts. */
    @Override
    public void close() {
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
    }
}
