package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * infra/topology/topology.sh run from a test: {@link #start} returns once PostgreSQL, HAProxy and the
 * four service processes are ready; {@link #close} stops them all (also when the test JVM ends
 * without closing it) and deletes the data, the secrets and any backup, keeping the logs in the
 * directory.
 */
final class TopologyScript implements AutoCloseable {

    static final Path SCRIPT = Path.of("../topology/topology.sh");
    static final Path JAR = Path.of("target/learning-local.jar");

    private final Path dir;
    private final Map<String, String> env;
    private final Thread stopAtExit;

    private TopologyScript(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
        this.stopAtExit = new Thread(this::stop, "topology-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Why the topology cannot run on this machine, or null: Debian's PostgreSQL and HAProxy are needed. */
    static String missingBinaries() {
        boolean haproxy = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "haproxy")));
        boolean postgres;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            postgres = versions.anyMatch(v -> Files.isExecutable(v.resolve("bin/initdb")));
        } catch (IOException e) {
            postgres = false;
        }
        if (haproxy && postgres) {
            return null;
        }
        return (haproxy ? "" : "haproxy ") + (postgres ? "" : "PostgreSQL's server (/usr/lib/postgresql/*/bin) ")
                + "not installed: apt-get install haproxy postgresql (.ci/run does)";
    }

    static TopologyScript start(Path dir, Map<String, String> settings) throws Exception {
        assertThat(JAR).as("the local run's jar, built in the package phase before the *IT run").exists();
        deleteRecursively(dir);
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "start", dir.toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("LEARNING_"));
        builder.environment().putAll(settings);
        builder.environment().put("LEARNING_JAR", JAR.toAbsolutePath().toString());
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().put("JAVA_OPTS", String.join(" ", LocalRunProcess.TEST_JVM_OPTIONS));
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("start.out").toFile());
        Process script = builder.start();
        if (!script.waitFor(6, TimeUnit.MINUTES)) {
            script.destroyForcibly();
            new TopologyScript(dir, Map.of()).close();
            throw new AssertionError("topology.sh start did not finish within 6 minutes: " + output(dir));
        }
        assertThat(script.exitValue()).as("topology.sh start: %s", output(dir)).isZero();
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("topology.env"))) {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new TopologyScript(dir, env);
    }

    private static String output(Path dir) {
        try {
            return Files.readString(dir.resolve("start.out"));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    int port(String name) {
        return Integer.parseInt(env.get(name + "_PORT"));
    }

    /** The pid of an instance ({@code COMMAND_SIDE_1}, ...), from the script's pid file. */
    long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(name.toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + ".pid")).trim());
    }

    /** Stops the four services (SIGTERM), leaving PostgreSQL and the proxy running. */
    void stopServices() throws Exception {
        script("stop-services", 3);
    }

    /** Starts the four services again on their ports; returns once each is ready. */
    void startServices() throws Exception {
        script("start-services", 6);
    }

    private void script(String action, int minutes) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), action, dir.toString());
        builder.environment().put("JAVA_OPTS", String.join(" ", LocalRunProcess.TEST_JVM_OPTIONS));
        Process process = builder.redirectErrorStream(true).redirectOutput(dir.resolve(action + ".out").toFile()).start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("topology.sh " + action + " did not finish within " + minutes + " minutes");
        }
        assertThat(process.exitValue()).as("topology.sh %s: %s", action,
                Files.readString(dir.resolve(action + ".out"))).isZero();
    }

    /** Runs one of PostgreSQL's client programs (PG_BIN) on the topology's server, as the services' user. */
    void pgClient(String program, String... arguments) throws Exception {
        pgClient(env.get("DB_USER"), env.get("DB_PASSWORD"), program, arguments);
    }

    /** As {@link #pgClient(String, String...)}, as the superuser {@code postgres}. */
    void pgClientAsSuperuser(String program, String... arguments) throws Exception {
        pgClient("postgres", Files.readString(dir.resolve("secrets/postgres-password")).trim(), program, arguments);
    }

    private void pgClient(String user, String password, String program, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(env.get("PG_BIN"), program).toString(),
                "-h", "127.0.0.1", "-p", env.get("DB_PORT"), "-U", user));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(program + ".out").toFile());
        builder.environment().put("PGPASSWORD", password);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(program + " did not finish within 2 minutes");
        }
        assertThat(process.exitValue()).as("%s: %s", program, Files.readString(dir.resolve(program + ".out"))).isZero();
    }

    /** A connection to the services' database, as their own user. */
    Connection database() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", env.get("DB_USER"));
        login.setProperty("password", env.get("DB_PASSWORD"));
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port("DB") + "/learning", login);
    }

    Path directory() {
        return dir;
    }

    private void stop() {
        try {
            Process stop = new ProcessBuilder(SCRIPT.toString(), "stop", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stop.out").toFile()).start();
            if (!stop.waitFor(3, TimeUnit.MINUTES)) {
                stop.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops everything and deletes the data, the secrets and the jar's copy; the logs stay. */
    @Override
    public void close() throws IOException {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the JVM is ending: the hook runs anyway
        }
        for (String kept : List.of("pgdata", "secrets", "learning-local.jar", "topology.env", "backup.dump")) {
            deleteRecursively(dir.resolve(kept));
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
