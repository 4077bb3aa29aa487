package org.elearn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The measured system as separate processes on this machine, all on loopback: PostgreSQL (the
 * embedded PostgreSQL 17 of the local run, started by this JVM with {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} on, in a fresh data directory), the
 * command side ({@code learning-local.jar} with {@code LEARNING_RUN=command-side} and
 * {@code LEARNING_DB_URL}, so it starts no database of its own) and the query side (its own
 * {@code -exec.jar}), each a JVM with the same heap, on free ports, with a throw-away
 * {@code LEARNING_HOME} (secrets, key-encryption key, operator password). This JVM is the load
 * generator. Closing stops the services, then PostgreSQL, and deletes the home unless
 * {@code BENCH_KEEP=1}.
 *
 * <p>Settings (environment): {@code BENCH_HEAP} (512m) for both services, {@code LEARNING_LOCAL_JAR}
 * and {@code QUERY_SIDE_JAR} (the built jars under {@code infra/local-run/target} and
 * {@code query-side/target}), {@code LEARNING_QUERY_PROCESSORS} ({@code merged}, the default, or
 * {@code separate}: the query side's processor layout; a jar older than that setting ignores it).
 */
final class Topology implements AutoCloseable {

    static final String COMMAND_SIDE = "command side";
    static final String QUERY_SIDE = "query side";
    static final String QUERY_PROCESSORS = "LEARNING_QUERY_PROCESSORS";
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final String DB_PASSWORD = "bench"; // the embedded server trusts loopback; any will do

    /** A service's JVM: its name, process, API, log, jar and when it was launched ({@link System#nanoTime()}). */
    record Service(String name, Process process, BenchApi api, Path log, Path jar, long launchedAt) {
        long pid() {
            return process.pid();
        }
    }

    final Path home;
    final String heap;
    private final BenchDatabase database;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Long> readyAt = new LinkedHashMap<>();
    /** Every service process launched, for the shutdown hook: a JVM's children outlive it otherwise. */
    private final java.util.Queue<Process> launched = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final long postmaster;

    private Topology(Path home, String heap, BenchDatabase database) throws IOException {
        this.home = home;
        this.heap = heap;
        this.database = database;
        this.postmaster = Long.parseLong(Files.readAllLines(database.dataDirectory().resolve("postmaster.pid")).get(0)
                .strip());
    }

    /** PostgreSQL with an empty {@code learning} database; no service yet. */
    static Topology start() throws Exception {
        Path home = Files.createTempDirectory("learning-bench-home");
        BenchDatabase database = new BenchDatabase();
        try (Connection c = database.connection("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE learning");
        }
        Topology topology = new Topology(home, BenchApi.env("BENCH_HEAP", "512m"), database);
        // interrupted (Ctrl-C, a timeout): the services stop too; PostgreSQL has its own hook
        Runtime.getRuntime().addShutdownHook(new Thread(() -> topology.launched.forEach(process -> {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }), "bench-topology-stop"));
        System.out.printf("topology: PostgreSQL 17 (embedded, fsync on, postmaster pid %d, port %d), all on loopback; "
                + "load generator: this JVM (pid %d, max heap %d MB)%n", topology.postmaster, database.port(),
                ProcessHandle.current().pid(), Runtime.getRuntime().maxMemory() / 1048576);
        return topology;
    }

    /** Starts the command side and waits until it is ready. */
    Service startCommandSide() throws Exception {
        return awaitReady(launchCommandSide());
    }

    /** Starts the query side (the command side must run: it validates tokens with its keys) and waits until ready. */
    Service startQuerySide() throws Exception {
        return awaitReady(launchQuerySide());
    }

    /** Starts the command side's process; {@link #awaitReady} waits for it. */
    Service launchCommandSide() throws Exception {
        int port = freePort();
        Map<String, String> env = databaseEnvironment();
        env.put("LEARNING_RUN", "command-side");
        env.put("COMMAND_SIDE_PORT", Integer.toString(port));
        return launch(COMMAND_SIDE, port, jar("LEARNING_LOCAL_JAR", Path.of("infra/local-run/target/learning-local.jar")),
                env, List.of());
    }

    /** Starts the query side's process, pointed at the command side's keys; {@link #awaitReady} waits for it. */
    Service launchQuerySide() throws Exception {
        int port = freePort();
        Map<String, String> env = databaseEnvironment();
        env.put("QUERY_SIDE_PORT", Integer.toString(port));
        env.put("LEARNING_KEK_FILE", secrets().resolve("kek/current.key").toString());
        env.put(QUERY_PROCESSORS, queryProcessors());
        return launch(QUERY_SIDE, port, jar("QUERY_SIDE_JAR", queryJar()), env,
                List.of("--learning.auth.jwks-uri=" + service(COMMAND_SIDE).api().base + "/.well-known/jwks.json"));
    }

    /**
     * The query side's processor layout ({@code learning.query.processors}): {@code merged} (the
     * default) or {@code separate} (one processor per projection), from {@code LEARNING_QUERY_PROCESSORS}.
     * Always passed on, so that a jar whose own default differs runs the layout named here.
     */
    static String queryProcessors() {
        return BenchApi.env(QUERY_PROCESSORS, "merged");
    }

    private Map<String, String> databaseEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LEARNING_HOME", home.toString());
        env.put("LEARNING_SECRETS_DIR", secrets().toString());
        env.put("LEARNING_DB_URL", "postgresql://localhost:" + database.port() + "/learning");
        env.put("LEARNING_DB_USER", "postgres");
        env.put("LEARNING_DB_PASSWORD", DB_PASSWORD);
        return env;
    }

    private Service launch(String name, int port, Path jar, Map<String, String> env, List<String> args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + heap, "-jar", jar.toString()));
        command.addAll(args);
        Path log = home.resolve(name.replace(' ', '-') + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        long launchedAt = System.nanoTime();
        Service service = new Service(name, builder.start(), new BenchApi("http://localhost:" + port), log, jar,
                launchedAt);
        launched.add(service.process());
        services.put(name, service);
        return service;
    }

    /** Waits until a launched service answers its readiness probe with 200 (at most 3 minutes). */
    Service awaitReady(Service service) throws Exception {
        long deadline = service.launchedAt() + START_LIMIT.toNanos();
        while (!ready(service)) {
            if (!service.process().isAlive() || System.nanoTime() > deadline) {
                stop(service);
                throw new IllegalStateException(service.name() + " did not start; the end of its log ("
                        + service.log() + "):\n" + tail(service.log(), 30));
            }
            TimeUnit.MILLISECONDS.sleep(250); // waiting for a process to start, in a benchmark driver
        }
        readyAt.put(service.name(), System.nanoTime());
        System.out.printf("%s: pid %d, java -Xmx%s -jar %s, %s, ready after %.1f s%s%n", service.name(), service.pid(),
                heap, service.jar().getFileName(), service.api().base, (readyAt.get(service.name())
                        - service.launchedAt()) / 1e9, service.name().equals(QUERY_SIDE)
                        ? ", processors " + queryProcessors() + " (" + QUERY_PROCESSORS + ")" : "");
        return service;
    }

    private static boolean ready(Service service) {
        try {
            return service.api().http.send(HttpRequest.newBuilder(URI.create(service.api().base
                            + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops a service as an operator would (SIGTERM, graceful), forcibly after 60 s. */
    void stop(Service service) throws InterruptedException {
        services.remove(service.name());
        service.process().destroy();
        if (!service.process().waitFor(60, TimeUnit.SECONDS)) {
            service.process().destroyForcibly().waitFor();
        }
    }

    /** When a service last answered ready for the first time ({@link System#nanoTime()}); sequential polls, so a little late. */
    long readyAt(String name) {
        return readyAt.get(name);
    }

    Service service(String name) {
        Service service = services.get(name);
        if (service == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return service;
    }

    /** CPU seconds so far of every running service, of this PostgreSQL and of the load generator. */
    CpuTimes cpu() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach((name, service) -> pids.put(name, service.pid()));
        return CpuTimes.ofProcesses(pids, postmaster);
    }

    Path secrets() {
        return home.resolve("secrets");
    }

    /** The operator's token (the command side generated the password in this run's secrets). */
    String operator() throws Exception {
        return service(COMMAND_SIDE).api().login("operator@localhost",
                Files.readString(secrets().resolve("initial-operator-password")).strip());
    }

    Connection connection() throws Exception {
        return DriverManager.getConnection(jdbcUrl(), "postgres", DB_PASSWORD);
    }

    String jdbcUrl() {
        return database.jdbcUrl("learning");
    }

    // ---- the processors' progress --------------------------------------------------------------

    /** The event store's head: the highest global index, 0 when empty. */
    long head() throws Exception {
        try (Connection c = connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Each processor's position in the token store: the lowest position over its segments (a
     * segment without a token yet counts as -1), by processor name.
     */
    Map<String, Long> positions() throws Exception {
        Map<String, Long> positions = new TreeMap<>();
        try (Connection c = connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT processor_name, token FROM token_entry")) {
            while (rs.next()) {
                byte[] token = rs.getBytes(2);
                long position = token == null ? -1 : position(BenchApi.JSON.readTree(token));
                positions.merge(rs.getString(1), position, Math::min);
            }
        }
        return positions;
    }

    /**
     * A tracking token's position: a gap-aware or global-sequence token's {@code index}; a replay
     * token's current token; a merged token's lower of its two halves.
     */
    static long position(JsonNode token) {
        if (token == null || token.isNull()) {
            return -1;
        }
        if (token.has("index")) {
            return token.get("index").asLong();
        }
        if (token.has("currentToken")) {
            return position(token.get("currentToken"));
        }
        if (token.has("lowerSegmentToken")) {
            return Math.min(position(token.get("lowerSegmentToken")), position(token.get("upperSegmentToken")));
        }
        throw new IllegalStateException("a token of unknown shape: " + token);
    }

    /**
     * Polls every 200 ms until each processor's position has reached {@code head}, or {@code limit}
     * has passed: for each processor, the seconds after {@code since} (a {@link System#nanoTime()})
     * at which it was first seen there; missing for those that did not get there.
     */
    Map<String, Double> awaitCurrent(long head, long since, Duration limit) throws Exception {
        Map<String, Double> current = new TreeMap<>();
        long deadline = System.nanoTime() + limit.toNanos();
        for (;;) {
            Map<String, Long> positions = positions();
            double at = (System.nanoTime() - since) / 1e9;
            positions.forEach((processor, position) -> {
                if (position >= head) {
                    current.putIfAbsent(processor, at);
                }
            });
            if (current.keySet().containsAll(positions.keySet()) || System.nanoTime() > deadline) {
                return current;
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling the token store from a benchmark driver
        }
    }

    private static final String PARKED = "bench-parked";

    /**
     * Parks every processor in the token store while no service runs: each segment gets an owner
     * that does not exist and a claim time far in the future, so no instance can claim it (Axon
     * claims a segment only when it is unowned or its claim has timed out). {@link #unpark} hands them back.
     */
    void park() throws Exception {
        requireStopped();
        try (Connection c = connection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE token_entry SET owner = '" + PARKED + "', timestamp = '2999-01-01T00:00:00Z'");
        }
    }

    /** Gives parked segments back: no owner, a claim long timed out. */
    void unpark() throws Exception {
        requireStopped();
        try (Connection c = connection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE token_entry SET owner = NULL, timestamp = '2000-01-01T00:00:00Z' WHERE owner = '"
                    + PARKED + "'");
        }
    }

    private void requireStopped() {
        if (!services.isEmpty()) {
            throw new IllegalStateException("tokens are parked and handed back only while no service runs");
        }
    }

    /** Why dead letters were parked: processing group, exception type and the start of its message, with counts. */
    List<String> deadLetterCauses() throws Exception {
        List<String> causes = new ArrayList<>();
        try (Connection c = connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT processing_group, payload_type, cause_type, left(cause_message, 300), "
                     + "count(*) FROM dead_letter_entry GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC LIMIT 20")) {
            while (rs.next()) {
                causes.add(rs.getString(1) + ": " + rs.getLong(5) + " x " + rs.getString(2) + ", " + rs.getString(3)
                        + ": " + rs.getString(4));
            }
        }
        return causes;
    }

    /** Dead letters parked so far, by processing group. */
    Map<String, Long> deadLetters() throws Exception {
        Map<String, Long> letters = new TreeMap<>();
        try (Connection c = connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group")) {
            while (rs.next()) {
                letters.put(rs.getString(1), rs.getLong(2));
            }
        }
        return letters;
    }

    // ---- plumbing -------------------------------------------------------------------------------

    private static Path jar(String setting, Path fallback) {
        Path jar = Path.of(BenchApi.env(setting, fallback.toString()));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw -B -q -DskipTests package, or set "
                    + setting);
        }
        return jar;
    }

    private static Path queryJar() throws IOException {
        try (var files = Files.list(Path.of("query-side/target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElse(Path.of("query-side/target/query-side-exec.jar"));
        } catch (java.nio.file.NoSuchFileException e) {
            return Path.of("query-side/target/query-side-exec.jar");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws Exception {
        List<Service> running = new ArrayList<>(services.values());
        java.util.Collections.reverse(running); // the query side first: it reads what the command side writes
        for (Service service : running) {
            stop(service);
        }
        database.close();
        if (!BenchApi.env("BENCH_KEEP", "0").equals("1")) {
            try (var files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } else {
            System.out.println("kept: " + home);
        }
    }
}
