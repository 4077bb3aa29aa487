package org.elearn.support.db;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The schema modes of a side's jar, for deployments with more than one instance: {@code migrate}
 * applies the side's migrations (the event store's, then its own) and exits, so one Job migrates
 * before any instance starts and instances never race; {@code await-migrations} waits, reading
 * only, until nothing is pending, so an instance of a new version (an init container) starts only
 * once the Job has migrated for it. Instances then run with {@code spring.flyway.enabled=false}.
 *
 * <p>Both modes load the side's own configuration file, so the database settings
 * ({@code LEARNING_DB_*}, a config tree) and the side's Flyway locations are exactly the
 * service's; nothing else of the service starts (no web server, no Axon, no secrets read).
 */
public final class SchemaMigration {

    /** The first argument of a side's {@code main} that runs the migrations and exits. */
    public static final String MIGRATE = "migrate";

    /** The first argument that waits until no migration is pending, then exits. */
    public static final String AWAIT = "await-migrations";

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    private SchemaMigration() {
    }

    /** The mode named by {@code args[0]}, if it names one. */
    public static Optional<String> mode(String[] args) {
        return args.length > 0 && (MIGRATE.equals(args[0]) || AWAIT.equals(args[0]))
                ? Optional.of(args[0]) : Optional.empty();
    }

    /**
     * Runs {@code args[0]}'s mode with the side's configuration file {@code configName}; returns
     * when done, throws when the database refuses.
     */
    public static void run(String configName, String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        String mode = mode(args).orElseThrow(() -> new IllegalArgumentException("not a schema mode"));
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        String[] withFlyway = new String[rest.length + 1];
        // the command line outranks SPRING_FLYWAY_ENABLED=false, which the instances' manifests set
        withFlyway[0] = "--spring.flyway.enabled=true";
        System.arraycopy(rest, 0, withFlyway, 1, rest.length);
        try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(
                AWAIT.equals(mode) ? Await.class : Migrate.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=" + configName)
                .run(withFlyway)) {
            log.info("schema mode {} done", mode);
        }
    }

    /** Migrates with the services' own strategy: the event store's set first. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DatabaseAutoConfiguration.class, FlywayAutoConfiguration.class})
    static class Migrate {
    }

    /** Waits for the Job instead of migrating. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DatabaseAutoConfiguration.class, FlywayAutoConfiguration.class})
    static class Await {

        @Bean
        FlywayMigrationStrategy awaitMigrations() {
            return flyway -> awaitNothingPending(DatabaseAutoConfiguration.schemaSets(flyway));
        }
    }

    static void awaitNothingPending(List<Flyway> sets) {
        long started = System.nanoTime();
        long reported = started;
        while (true) {
            int pending = sets.stream().mapToInt(set -> pendingOrUnreachable(set)).sum();
            if (pending == 0) {
                return;
            }
            long now = System.nanoTime();
            if (now - reported >= REPORT_EVERY.toNanos()) {
                log.info("waiting for the migration job: {} migration(s) pending after {} s", pending,
                        Duration.ofNanos(now - started).toSeconds());
                reported = now;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for migrations", e);
            }
        }
    }

    /** Pending migrations of one set; a database that does not answer yet counts as one pending. */
    private static int pendingOrUnreachable(Flyway set) {
        try {
            return set.info().pending().length;
        } catch (RuntimeException notYet) {
            log.info("the database does not answer yet: {}", notYet.getClass().getSimpleName());
            return 1;
        }
    }
}
