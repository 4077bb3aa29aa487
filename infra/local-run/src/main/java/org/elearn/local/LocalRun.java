package org.elearn.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.elearn.cli.LearningCli;
import org.elearn.cli.LocalKeks;
import org.elearn.cli.Settings;
import org.elearn.support.db.DatabaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The local all-in-one run: {@code java -jar infra/local-run/target/learning-local.jar}.
 *
 * <p>Without {@code LEARNING_DB_URL} it starts an embedded PostgreSQL 17 whose data lives in
 * {@code $LEARNING_HOME/pgdata} (default {@code ~/.learning-platform/pgdata}) and survives restarts,
 * with {@code fsync} and {@code synchronous_commit} on so an acknowledged write survives a crash.
 * Then both services start in this JVM. Ctrl-C stops the services, then the database. While one of
 * its ports is taken it starts nothing and exits with code 2, naming the port and its variable; so
 * it does while another run uses its data directory, or while a server left behind by a killed run
 * still runs from it ({@link DataDirectoryClaim}). When the embedded PostgreSQL dies under it, the
 * run turns its liveness DOWN and exits with code 3 within seconds, for a supervisor to start it
 * again ({@link #databaseDied}).
 *
 * <p>With arguments it runs one operator command of {@link LearningCli} instead ({@code rotate-kek},
 * {@code verify-history}, {@code rebuild}, {@code check-keys}, {@code help}) and exits with its code; those that work on
 * the database get the one this run would use.
 */
public final class LocalRun {

    private static final Logger log = LoggerFactory.getLogger(LocalRun.class);
    private static final String DATABASE = "learning";
    /** How often the embedded PostgreSQL's process is looked at. */
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    /** How long the services get to stop once the database died; without it they take about a minute. */
    private static final Duration STOP_AFTER_DATABASE_DIED = Duration.ofSeconds(10);
    static final int DATABASE_DIED = 3;

    /** The data directory's lock, held until the JVM ends. */
    private static DataDirectoryClaim claim;

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (LocalPorts.StartRefused e) {
            System.err.println("local run not started: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path home = Path.of(setting("LEARNING_HOME", System.getProperty("user.home") + "/.learning-platform"));
        Path secrets = Path.of(setting("LEARNING_SECRETS_DIR", home.resolve("secrets").toString()));
        if (args.length > 0) {
            // an operator's command (or help): it runs and exits, the services are not started
            PrintWriter out = new PrintWriter(System.out, true);
            PrintWriter err = new PrintWriter(System.err, true);
            System.exit(LearningCli.execute(new OfflineLauncher(home, secrets), out, err, args));
        }
        Map<String, Object> common = new HashMap<>();
        boolean embeddedDatabase = setting("LEARNING_DB_URL", "").isBlank();
        int databasePort = Integer.parseInt(setting("LEARNING_EMBEDDED_DB_PORT", "54329"));
        Path dataDirectory = home.resolve("pgdata");
        if (embeddedDatabase) {
            // before the ports: an orphaned server holds the database port, and its message says more
            claim = DataDirectoryClaim.check(dataDirectory,
                    Boolean.parseBoolean(setting(DataDirectoryClaim.STOP_ORPHAN, "false")));
        }
        requirePortsFree(embeddedDatabase ? databasePort : -1, true);
        common.put("learning.secrets.dir", secrets.toString());
        if (setting("LEARNING_KEK", "").isBlank() && setting("LEARNING_KEK_FILE", "").isBlank()) {
            common.put("learning.crypto.kek-file", LocalKeks.ensureCurrent(secrets).toString());
            common.put("learning.crypto.retired-kek-files", LocalKeks.retired(secrets));
        }

        EmbeddedPostgres embedded = null;
        if (embeddedDatabase) {
            String password = LocalDatabasePassword.ensure(secrets);
            claim.hold();
            embedded = startEmbedded(dataDirectory, databasePort, password);
            common.put("learning.db.url", "postgresql://localhost:" + embedded.getPort() + "/" + DATABASE);
            common.put("learning.db.user", LocalDatabasePassword.USER);
            common.put("learning.db.password", password);
        }

        Services services;
        try {
            Map<String, Object> commandSide = Map.of("learning.operator.generate-when-unset", true);
            // LEARNING_RUN=command-side or query-side starts that side alone (benchmarks, one process per
            // instance as infra/topology runs them)
            services = switch (run()) {
                case "command-side" -> Services.startCommandSideOnly(common, commandSide);
                case "query-side" -> Services.startQuerySideOnly(common);
                default -> Services.start(common, commandSide, Map.of());
            };
        } catch (RuntimeException e) {
            close(embedded);
            throw e;
        }
        if (embedded != null) {
            watchEmbedded(embedded, dataDirectory, services);
        }
        if (services.querySidePort() < 0) {
            log.info("local run ready: command side alone on port {}", services.commandSidePort());
        } else if (services.commandSidePort() < 0) {
            log.info("local run ready: query side alone on port {}", services.querySidePort());
        } else {
            log.info("local run ready: command side on port {}, query side on port {}",
                    services.commandSidePort(), services.querySidePort());
        }
    }

    /**
     * Watches the embedded PostgreSQL from now on, and stops it after the services. Spring Boot's
     * shutdown hook closes both contexts on Ctrl-C, then runs its handlers: the database stops last.
     * A JVM hook of our own would race the fat jar's class loader.
     */
    private static void watchEmbedded(EmbeddedPostgres database, Path dataDirectory, Services services)
            throws IOException {
        long postmaster = Postmaster.pidFile(dataDirectory).orElseThrow().pid();
        AtomicBoolean died = new AtomicBoolean();
        AutoCloseable watch = Postmaster.watch(postmaster, WATCH_INTERVAL, () -> {
            died.set(true);
            databaseDied(postmaster, services);
        });
        SpringApplication.getShutdownHandlers().add(() -> {
            try {
                watch.close();
            } catch (Exception e) {
                log.warn("embedded PostgreSQL watch did not stop: {}", e.getClass().getSimpleName());
            }
            if (!died.get()) { // pg_ctl would wait for, or fail on, a server that is gone
                close(database);
            }
        });
    }

    /**
     * The embedded PostgreSQL is gone (killed, crashed): nothing in this process starts it again, and
     * the services cannot work without it. Liveness turns DOWN and the process exits with
     * {@value #DATABASE_DIED}; its stop is cut short after {@link #STOP_AFTER_DATABASE_DIED}, as the
     * services would otherwise wait out their database timeouts. The next start checks the data
     * directory and recovers it.
     */
    private static void databaseDied(long postmaster, Services services) {
        String message = "the embedded PostgreSQL (pid " + postmaster + ") stopped unexpectedly; the local run exits "
                + "with code " + DATABASE_DIED + ", to be started again (by hand or by its supervisor)";
        log.error(message);
        System.err.println("local run stopped: " + message);
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {
                services.commandSide(), services.querySide()}) {
            if (context != null) {
                AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
            }
        }
        Thread deadline = new Thread(() -> {
            try {
                Thread.sleep(STOP_AFTER_DATABASE_DIED.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.error("the services did not stop within {} s of the database's death; halting",
                    STOP_AFTER_DATABASE_DIED.toSeconds());
            Runtime.getRuntime().halt(DATABASE_DIED);
        }, "local-run-stop-deadline");
        deadline.setDaemon(true);
        deadline.start();
        new Thread(() -> System.exit(DATABASE_DIED), "local-run-exit").start();
    }

    /**
     * Refuses to start, before any database is touched, while a port this run listens on is taken.
     *
     * @param databasePort the embedded PostgreSQL's port, or -1 with an external database
     * @param services whether the services start (not for the offline commands)
     */
    private static void requirePortsFree(int databasePort, boolean services) {
        List<LocalPorts.Port> ports = new ArrayList<>();
        if (databasePort >= 0) {
            ports.add(new LocalPorts.Port("LEARNING_EMBEDDED_DB_PORT", databasePort, "the embedded PostgreSQL"));
        }
        if (services) {
            // the services' files read the same variables: server.port: ${COMMAND_SIDE_PORT:8080}
            if (!run().equals("query-side")) {
                ports.add(new LocalPorts.Port("COMMAND_SIDE_PORT",
                        Integer.parseInt(setting("COMMAND_SIDE_PORT", "8080")), "the command side"));
            }
            if (!run().equals("command-side")) {
                ports.add(new LocalPorts.Port("QUERY_SIDE_PORT",
                        Integer.parseInt(setting("QUERY_SIDE_PORT", "8081")), "the query side"));
            }
        }
        LocalPorts.requireFree(ports);
    }

    /**
     * The launcher as the operator's commands see it: for those that work on the database itself, the
     * database the run would use (its embedded PostgreSQL, started for the command and stopped after
     * it, with the same checks as a start; or {@code LEARNING_DB_URL}). The services' ports are not
     * needed.
     */
    private record OfflineLauncher(Path home, Path secrets) implements LearningCli.Launcher {

        @Override
        public LearningCli.Database openDatabase() throws Exception {
            org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
            dataSource.setUser(setting("LEARNING_DB_USER", "learning"));
            dataSource.setPassword(setting("LEARNING_DB_PASSWORD", ""));
            if (!setting("LEARNING_DB_URL", "").isBlank()) {
                dataSource.setUrl(DatabaseUrl.parse(setting("LEARNING_DB_URL", "")).jdbcUrl());
                return database(dataSource, null);
            }
            int databasePort = Integer.parseInt(setting("LEARNING_EMBEDDED_DB_PORT", "54329"));
            Path dataDirectory = home.resolve("pgdata");
            claim = DataDirectoryClaim.check(dataDirectory,
                    Boolean.parseBoolean(setting(DataDirectoryClaim.STOP_ORPHAN, "false")));
            requirePortsFree(databasePort, false);
            String password = LocalDatabasePassword.ensure(secrets);
            claim.hold();
            EmbeddedPostgres embedded = startEmbedded(dataDirectory, databasePort, password);
            dataSource.setUrl(DatabaseUrl.parse("postgresql://localhost:" + embedded.getPort() + "/" + DATABASE)
                    .jdbcUrl());
            dataSource.setUser(setting("LEARNING_DB_USER", LocalDatabasePassword.USER));
            dataSource.setPassword(setting("LEARNING_DB_PASSWORD", password));
            return database(dataSource, embedded);
        }

        private static LearningCli.Database database(javax.sql.DataSource dataSource, EmbeddedPostgres embedded) {
            return new LearningCli.Database() {
                @Override
                public javax.sql.DataSource dataSource() {
                    return dataSource;
                }

                @Override
                public void close() {
                    LocalRun.close(embedded);
                }
            };
        }
    }

    /** Which services this run starts: {@code both} (the default), {@code command-side} or {@code query-side}. */
    private static String run() {
        String run = setting("LEARNING_RUN", "both");
        if (!List.of("both", "command-side", "query-side").contains(run)) {
            throw new LocalPorts.StartRefused("LEARNING_RUN is " + run + "; it takes both, command-side or query-side");
        }
        return run;
    }

    /** An environment variable, or the same name as a system property, or the default. */
    static String setting(String name, String fallback) {
        return Settings.setting(name, fallback);
    }

    /** Starts (creating it the first time) the embedded PostgreSQL, which asks every connection for the password. */
    static EmbeddedPostgres startEmbedded(Path dataDirectory, int port, String password)
            throws IOException, SQLException {
        Files.createDirectories(dataDirectory.getParent());
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                // zonky turns these off for test speed; an acknowledged write must survive a crash
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // compaction after erasure: old WAL segments are removed, not renamed with their bytes
                .setServerConfig("wal_recycle", "off")
                // every connection of the library's own (start-up check included) gives the password
                .setConnectConfig("password", password)
                .start();
        try {
            requireOwnServer(pg.getPostgresDatabase(), dataDirectory, port);
            LocalDatabasePassword.require(pg.getPostgresDatabase(), dataDirectory, password);
        } catch (SQLException | RuntimeException e) {
            close(pg);
            throw e;
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    st.execute("CREATE DATABASE " + DATABASE);
                }
            }
        }
        log.info("embedded PostgreSQL on port {} with data in {}", pg.getPort(), dataDirectory);
        return pg;
    }

    /**
     * Refuses unless the server answering on the port runs from this run's data directory. When the
     * embedded PostgreSQL cannot bind its port, the library still finds a server there: another
     * instance's, with its own data and keys.
     */
    static void requireOwnServer(javax.sql.DataSource server, Path dataDirectory, int port) throws SQLException {
        String served;
        try (Connection c = server.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW data_directory")) {
            rs.next();
            served = rs.getString(1);
        }
        if (!sameDirectory(Path.of(served), dataDirectory)) {
            throw new LocalPorts.StartRefused("port " + port + " (the embedded PostgreSQL) is answered by another "
                    + "PostgreSQL, with its data in " + served + ", not in " + dataDirectory + "; stop that, or set "
                    + "LEARNING_EMBEDDED_DB_PORT to a free port");
        }
    }

    static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) { // one of them does not exist here: another machine's or container's
            return false;
        }
    }

    private static void close(EmbeddedPostgres pg) {
        if (pg == null) {
            return;
        }
        try {
            pg.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getClass().getSimpleName());
        }
    }
}
