package org.elearn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.elearn.local.Services;

/**
 * {@code fault-pg-crash}: kills PostgreSQL ({@code SIGKILL} to the postmaster, then to every backend)
 * while xAPI statements stream in at a steady rate, again and again, and after each recovery reads
 * the totals through the operators' consistency check: they must equal the event store exactly, and
 * the statements and learning time the command side acknowledged.
 *
 * <p>Runs everything itself: a throw-away embedded PostgreSQL with durability on (as the local run
 * has it), both services in this JVM against it, one organization with trainees and an ingestion
 * credential. Clients send batches with fixed statement ids and send a batch again until it is
 * acknowledged (the same statement again is a no-op), so after a pause the statements stored must
 * equal the statements acknowledged, no more and no fewer. Each cycle: ingest for 1-3 s, kill the
 * server while a batch is in flight, start it again on the same data, time until ingestion is
 * acknowledged again (recovery), pause the clients, time until the check no longer says
 * {@code CATCHING_UP} (catch-up), then compare. Exits 1 on any drift, loss or timeout.
 *
 * <p>Arguments: {@code [cycles=20] [statements per second=200] [statements per batch=20]
 * [clients=4] [trainees=50]}.
 */
public final class PgCrashFault {

    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(3);
    private static final String OPERATOR_EMAIL = "operator@fault.example";
    private static final Pattern OPTION = Pattern.compile("\"([^\"]*)\"");

    private final BenchApi command;
    private final BenchApi query;
    private final BenchApi.Organization organization;
    private final Path data;
    private final String operatorPassword;
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong acknowledgedMillis = new AtomicLong();
    private final AtomicLong lastAcknowledgedAt = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private volatile String failure; // a client's: an answer other than 200 or 503

    private PgCrashFault(BenchApi command, BenchApi query, BenchApi.Organization organization, Path data,
                         String operatorPassword) {
        this.command = command;
        this.query = query;
        this.organization = organization;
        this.data = data;
        this.operatorPassword = operatorPassword;
    }

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int trainees = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        Path home = Files.createTempDirectory("learning-fault");
        Path data = home.resolve("pgdata");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").start();
        Services services = null;
        int exit;
        try {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE learning");
            }
            byte[] kek = new byte[32];
            new SecureRandom().nextBytes(kek);
            String operatorPassword = UUID.randomUUID().toString();
            Map<String, Object> common = new HashMap<>();
            common.put("learning.db.url", "postgresql://localhost:" + pg.getPort() + "/learning");
            common.put("learning.db.user", "postgres");
            common.put("learning.db.password", "");
            common.put("learning.secrets.dir", home.resolve("secrets").toString());
            common.put("learning.crypto.kek", Base64.getEncoder().encodeToString(kek));
            common.put("server.port", 0);
            // a request or a probe waits this long for a connection while the server is down, not 30 s
            common.put("spring.datasource.hikari.connection-timeout", 2000);
            services = Services.start(common, Map.of("learning.operator.email", OPERATOR_EMAIL,
                    "learning.operator.password", operatorPassword), Map.of());
            BenchApi command = new BenchApi("http://localhost:" + services.commandSidePort());
            BenchApi query = new BenchApi("http://localhost:" + services.querySidePort());
            BenchApi.Organization organization = command.organization(command.login(OPERATOR_EMAIL, operatorPassword),
                    "Fault Org", trainees);
            System.out.printf("fault-pg-crash: %d cycles, %d statements/s in batches of %d from %d clients, %d trainees,"
                    + " PostgreSQL data in %s%n", cycles, rate, batch, clients, trainees, data);
            exit = new PgCrashFault(command, query, organization, data, operatorPassword)
                    .run(cycles, rate, batch, clients);
        } finally {
            if (services != null) {
                services.close();
            }
            pg.close(); // pg_ctl stop on the data directory: stops the server started last
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        System.exit(exit);
    }

    private int run(int cycles, int rate, int batch, int clients) throws Exception {
        List<Thread> workers = new ArrayList<>();
        // each client sends one batch every interval, so that together they offer the rate
        Duration interval = Duration.ofNanos(1_000_000_000L * batch * clients / rate);
        for (int i = 0; i < clients; i++) {
            Thread worker = new Thread(() -> ingest(batch, interval), "fault-client-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        int failed = 0;
        List<Long> recoveries = new ArrayList<>();
        List<Long> catchUps = new ArrayList<>();
        int midBatch = 0;
        for (int cycle = 1; cycle <= cycles; cycle++) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1000, 3000)); // a load generator's pacing
            while (inFlight.get() == 0 && failure == null) { // kill while a batch is on its way
                LockSupport.parkNanos(100_000);
            }
            long killedAt = System.nanoTime();
            midBatch += crash() ? 1 : 0;
            restart();
            while (lastAcknowledgedAt.get() < killedAt) {
                if (failure != null || System.nanoTime() - killedAt > CATCH_UP_LIMIT.toNanos()) {
                    System.out.printf("cycle %d: FAILED: %s%n", cycle, failure != null ? failure
                            : "no batch acknowledged " + CATCH_UP_LIMIT.toSeconds() + " s after the kill");
                    return 1;
                }
                Thread.sleep(20);
            }
            long recovery = (lastAcknowledgedAt.get() - killedAt) / 1_000_000;
            paused.set(true);
            while (inFlight.get() > 0) {
                Thread.sleep(20);
            }
            long pausedAt = System.nanoTime();
            JsonNode check = caughtUp();
            long catchUp = (System.nanoTime() - pausedAt) / 1_000_000;
            recoveries.add(recovery);
            catchUps.add(catchUp);
            String verdict = verdict(check);
            failed += verdict.equals("ok") ? 0 : 1;
            System.out.printf("cycle %d: acknowledged %d statements (%d ms), status %s, counted %s, recovery %d ms,"
                            + " catch-up %d ms: %s%n", cycle, acknowledged.get(), acknowledgedMillis.get(),
                    check == null ? "-" : check.path("status").asText(), counted(check), recovery, catchUp, verdict);
            paused.set(false);
        }
        stopped.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf("fault-pg-crash: %d cycles, %d with a batch in flight at the kill, %d with drift or loss;"
                        + " %d statements acknowledged, %d refusals retried (%d of them 500); recovery median %d ms"
                        + " max %d ms; catch-up median %d ms max %d ms%n", cycles, midBatch, failed, acknowledged.get(),
                refusals.get(), serverErrors.get(), median(recoveries), max(recoveries), median(catchUps), max(catchUps));
        return failed == 0 ? 0 : 1;
    }

    /** A client: one batch per interval, each sent again until it is acknowledged. */
    private void ingest(int size, Duration interval) {
        long next = System.nanoTime();
        while (!stopped.get()) {
            if (paused.get()) {
                LockSupport.parkNanos(1_000_000);
                next = System.nanoTime();
                continue;
            }
            List<Map<String, Object>> statements = new ArrayList<>(size);
            long millis = 0;
            Instant now = Instant.now();
            for (int i = 0; i < size; i++) {
                int seconds = ThreadLocalRandom.current().nextInt(1, 600);
                millis += seconds * 1000L;
                String trainee = organization.trainees().get(ThreadLocalRandom.current()
                        .nextInt(organization.trainees().size()));
                statements.add(Map.of("id", UUID.randomUUID().toString(),
                        "actor", Map.of("mbox", "mailto:" + trainee),
                        "verb", Map.of("id", "http://adlnet.gov/expapi/verbs/experienced"),
                        "object", Map.of("id", "https://content.example/fault/" + i),
                        "result", Map.of("duration", "PT" + seconds + "S"),
                        "timestamp", now.toString()));
            }
            inFlight.incrementAndGet();
            try {
                byte[] body = BenchApi.JSON.writeValueAsBytes(statements);
                while (!send(body)) {
                    refusals.incrementAndGet();
                    Thread.sleep(200); // Retry-After says 1-5 s; a crash test wants to find the server back soon
                }
                acknowledged.addAndGet(size);
                acknowledgedMillis.addAndGet(millis);
                lastAcknowledgedAt.set(System.nanoTime());
            } catch (Exception e) {
                failure = e.getMessage();
                return;
            } finally {
                inFlight.decrementAndGet();
            }
            next += interval.toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Sends a batch; true once it is acknowledged, false when it has to be sent again. */
    private boolean send(byte[] body) throws InterruptedException {
        try {
            HttpResponse<String> response = command.http.send(HttpRequest.newBuilder(URI.create(command.base
                            + "/xapi/statements")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", organization.basic()).header("X-Experience-API-Version", "1.0.3")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return true;
            }
            if (response.statusCode() == 500) {
                // a connection lost inside the batch's transaction is not yet mapped to 503: count it, send again
                serverErrors.incrementAndGet();
                return false;
            }
            if (response.statusCode() != 503) {
                throw new IllegalStateException("ingestion answered " + response.statusCode() + " " + response.body());
            }
            return false;
        } catch (IOException e) { // the connection broke mid-request: the batch may or may not be stored
            return false;
        }
    }

    /** SIGKILL to the postmaster, then to its backends; answers whether a batch was in flight. */
    private boolean crash() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> backends = postmaster.descendants().toList();
        boolean midBatch = inFlight.get() > 0;
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        postmaster.onExit().join();
        for (ProcessHandle backend : backends) {
            backend.onExit().join();
        }
        return midBatch;
    }

    /**
     * Starts the server again on the same data, with the command line the last one recorded
     * ({@code postmaster.opts}: the binary, then each argument quoted): crash recovery replays the WAL. Tried again while the old server's
     * shared memory is still being released.
     */
    private void restart() throws Exception {
        String opts = Files.readString(data.resolve("postmaster.opts")).strip();
        List<String> command = new ArrayList<>();
        if (System.getProperty("user.name").equals("root")) {
            // PostgreSQL refuses to run as root; the library starts it in a user namespace, as nobody
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(opts.substring(0, opts.indexOf(" \"")));
        Matcher option = OPTION.matcher(opts);
        while (option.find()) {
            command.add(option.group(1));
        }
        Path log = data.getParent().resolve("postgres.log");
        for (int attempt = 0; ; attempt++) {
            Process server = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (server.isAlive() && System.nanoTime() < deadline) {
                if (accepts(command)) {
                    return;
                }
                Thread.sleep(50);
            }
            if (server.isAlive() || attempt == 20) {
                throw new IllegalStateException("PostgreSQL did not come back; see " + log);
            }
            Thread.sleep(250);
        }
    }

    private static boolean accepts(List<String> command) {
        String port = command.get(command.indexOf("-p") + 1);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/learning",
                "postgres", "")) {
            return c.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }

    /** The check, once the projections have caught up with the event store; null after the time limit. */
    private JsonNode caughtUp() throws Exception {
        String operator = command.login(OPERATOR_EMAIL, operatorPassword);
        long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
        String lastAnswer = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = query.http.send(HttpRequest.newBuilder(URI.create(query.base
                            + "/api/operations/consistency?organization=" + organization.id()))
                    .header("Authorization", "Bearer " + operator).timeout(Duration.ofMinutes(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String answer = response.statusCode() + "";
            if (response.statusCode() == 200) {
                JsonNode check = BenchApi.JSON.readTree(response.body());
                if (!check.path("status").asText().equals("CATCHING_UP")) {
                    return check;
                }
                answer = check.path("status").asText();
            }
            if (!answer.equals(lastAnswer)) {
                System.out.println("  check: " + answer);
                lastAnswer = answer;
            }
            Thread.sleep(250);
        }
        return null;
    }

    /** "ok", or what is wrong: drift between a projection and the event store, or statements lost or counted twice. */
    private String verdict(JsonNode check) {
        if (check == null) {
            return "TIMEOUT: still catching up after " + CATCH_UP_LIMIT.toSeconds() + " s";
        }
        List<String> wrong = new ArrayList<>();
        check.path("drifts").forEach(d -> wrong.add("drift " + d.path("projection").asText() + " "
                + d.path("total").asText() + " " + d.path("drift").asLong()));
        long statements = figure(check, "learning-activity", "statements", "expected");
        long activityMillis = figure(check, "learning-activity", "learningMillis", "expected");
        long reportMillis = figure(check, "learning-report", "learningMillis", "expected");
        if (statements != acknowledged.get()) {
            wrong.add("event store holds " + statements + " statements, " + acknowledged.get() + " acknowledged");
        }
        if (activityMillis != acknowledgedMillis.get() || reportMillis != acknowledgedMillis.get()) {
            wrong.add("event store holds " + activityMillis + " ms learning (report " + reportMillis + "), "
                    + acknowledgedMillis.get() + " acknowledged");
        }
        return wrong.isEmpty() ? "ok" : "FAILED: " + String.join("; ", wrong);
    }

    private static String counted(JsonNode check) {
        return check == null ? "-" : figure(check, "learning-activity", "statements", "actual") + " statements, "
                + figure(check, "learning-report", "learningMillis", "actual") + " ms in the report";
    }

    private static long figure(JsonNode check, String projection, String total, String which) {
        for (JsonNode p : check.path("projections")) {
            if (p.path("projection").asText().equals(projection)) {
                for (JsonNode o : p.path("organizations")) {
                    return o.path("totals").path(total).path(which).asLong();
                }
            }
        }
        return 0;
    }

    private static long median(List<Long> values) {
        return values.isEmpty() ? 0 : values.stream().sorted().toList().get(values.size() / 2);
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
