package org.elearn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench-xapi}: loads a running system with generated xAPI activity and prints statements per
 * second, the latency of each batch of 100 (p50, p99) at peak and at 70% of peak, the raw ceiling of
 * the same PostgreSQL (JDBC batch inserts of rows as large as the stored statement events, one
 * commit per batch, same concurrency, measured in the same run), their ratio, and the command
 * side's peak heap as its Prometheus endpoint reports it.
 *
 * <p>Setup, through the public API: several organizations, each with an approved administrator,
 * thousands of imported trainees and an ingestion credential. Activity: trainees' statements
 * (mbox actors, a mix of verbs, durations, scores and answers, phone and desktop User-Agents), plus
 * one statement in twenty from an actor who is not a member.
 *
 * <p>Settings (environment): COMMAND_SIDE_URL (http://localhost:8080), LEARNING_SECRETS_DIR,
 * LEARNING_DB_URL / LEARNING_DB_USER / LEARNING_DB_PASSWORD (else the local embedded PostgreSQL),
 * LEARNING_BENCH_PACED_RATE (statements per second offered in the paced phase instead of 70% of the
 * peak, to compare two builds at the same rate).
 * Arguments: {@code [organizations] [trainees per organization] [concurrency] [seconds per phase]}.
 */
public final class IngestionBenchmark {

    private static final ObjectMapper JSON = BenchApi.JSON;
    private static final String ADL = "http://adlnet.gov/expapi/verbs/";
    private static final String[] VERBS = {"initialized", "experienced", "experienced", "completed", "answered",
            "passed", "failed", "terminated"};
    private static final String[] AGENTS = {
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Version/17.1 Mobile Safari/604.1",
            "TinCanJS/1.4.1 (Macintosh; Intel Mac OS X 14_1)"};
    static final int BATCH = 100;

    private final BenchApi api;
    private final String base;
    private final HttpClient http;
    private final int concurrency;
    private final Duration phase;
    private String operator;

    private record Organization(UUID id, String basic, List<String> trainees) {
    }

    private String send(HttpRequest.Builder request) throws Exception {
        return api.send(request);
    }

    private static String env(String name, String fallback) {
        return BenchApi.env(name, fallback);
    }

    private record Phase(double statementsPerSecond, List<Double> latenciesMs, long refused, long statements,
                         CpuTimes cpu) {
    }

    /** CPU seconds per 1,000 statements of a phase, by part, and the cores they ran on. */
    private static String per1000(Phase phase) {
        return "CPU seconds per 1,000 statements: " + phase.cpu().perThousand(phase.statements()) + " ("
                + Runtime.getRuntime().availableProcessors() + " cores)";
    }

    private IngestionBenchmark(String base, int concurrency, Duration phase) {
        this.api = new BenchApi(base);
        this.base = base;
        this.http = api.http;
        this.concurrency = concurrency;
        this.phase = phase;
    }

    public static void main(String[] args) throws Exception {
        int organizations = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int trainees = args.length > 1 ? Integer.parseInt(args[1]) : 2_500;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        IngestionBenchmark bench = new IngestionBenchmark(env("COMMAND_SIDE_URL", "http://localhost:8080"),
                concurrency, Duration.ofSeconds(seconds));
        bench.run(organizations, trainees);
    }

    private void run(int organizationCount, int trainees) throws Exception {
        String operator = api.operator();
        long run = System.currentTimeMillis();
        List<Organization> organizations = new ArrayList<>();
        for (int i = 0; i < organizationCount; i++) {
            BenchApi.Organization org = api.organization(operator, "Bench Org " + run + "-" + i, trainees);
            organizations.add(new Organization(org.id(), org.basic(), org.trainees()));
        }
        System.out.printf("setup: %d organizations, %d trainees each, credentials issued%n", organizationCount,
                trainees);
        this.operator = operator;
        BenchApi.MemorySampler heap = BenchApi.MemorySampler.heap(api, operator);
        heap.start();
        timed(organizations, Duration.ofSeconds(5), 0); // warm-up, not reported
        Phase peak = timed(organizations, phase, 0);
        // two builds compared at the same offered rate pay the same fixed costs per second (JIT, pollers)
        String paced = env("LEARNING_BENCH_PACED_RATE", "");
        double target = paced.isBlank() ? peak.statementsPerSecond() * 0.7 : Double.parseDouble(paced);
        Phase steady = timed(organizations, phase, target);
        long peakHeap = heap.stop();
        double rowBytes;
        try (Connection c = database()) {
            rowBytes = storedRowBytes(c);
        }
        double raw = rawCeiling(IngestionBenchmark::database, (int) Math.round(rowBytes), concurrency, phase);

        System.out.printf("ingestion at peak (%d concurrent clients, batches of %d): %.0f statements/s, "
                        + "batch latency p50 %.0f ms, p99 %.0f ms, %d batches refused with 503%n",
                concurrency, BATCH, peak.statementsPerSecond(), Stats.median(peak.latenciesMs()),
                Stats.percentile(peak.latenciesMs(), 99), peak.refused());
        System.out.println("  " + per1000(peak));
        System.out.printf("ingestion at " + (paced.isBlank() ? "70%% of peak" : "a fixed rate")
                        + " (%.0f statements/s offered): %.0f statements/s, "
                        + "batch latency p50 %.0f ms, p99 %.0f ms (target under 250 ms), %d refused%n",
                target, steady.statementsPerSecond(), Stats.median(steady.latenciesMs()),
                Stats.percentile(steady.latenciesMs(), 99), steady.refused());
        System.out.println("  " + per1000(steady));
        System.out.printf("raw ceiling of the same PostgreSQL: %.0f rows/s (JDBC batches of %d rows of %.0f bytes, "
                + "%d connections, one commit per batch)%n", raw, BATCH, rowBytes, concurrency);
        System.out.printf("ratio ingestion / raw ceiling: %.2f (target at least 0.5)%n",
                peak.statementsPerSecond() / raw);
        System.out.printf("command side peak heap used: %.0f MB (target under 512 MB; sampled every 0.5 s)%n",
                peakHeap / 1048576.0);
    }

    /**
     * The peak phase alone, against a service set up elsewhere: {@code concurrency} clients sending
     * batches back to back to one organization for the duration; statements per second acknowledged.
     */
    static double peak(BenchApi service, String operator, UUID organization, String basic, List<String> trainees,
                       int concurrency, Duration duration) throws Exception {
        IngestionBenchmark bench = new IngestionBenchmark(service.base, concurrency, duration);
        bench.operator = operator;
        return bench.timed(List.of(new Organization(organization, basic, trainees)), duration, 0).statementsPerSecond();
    }

    // ---- load ---------------------------------------------------------------------------------

    /** Clients send batches back to back (rate 0), or paced to the given total rate, for the duration. */
    private Phase timed(List<Organization> organizations, Duration duration, double rate) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong statements = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicBoolean failed = new AtomicBoolean();
        CpuTimes cpuBefore = cpu();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        double intervalNanos = rate > 0 ? 1e9 * BATCH * concurrency / rate : 0;
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        for (int c = 0; c < concurrency; c++) {
            int client = c;
            clients.submit(() -> {
                long next = start + (long) (intervalNanos * client / concurrency);
                while (System.nanoTime() < end && !failed.get()) {
                    if (intervalNanos > 0) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait); // pacing of a load generator, not a test
                        }
                        next += (long) intervalNanos;
                    }
                    Organization org = organizations.get(ThreadLocalRandom.current().nextInt(organizations.size()));
                    byte[] body = batch(org.id(), org.trainees());
                    long sent = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/xapi/statements"))
                            .header("Authorization", org.basic()).header("X-Experience-API-Version", "1.0.3")
                            .header("Content-Type", "application/json")
                            .header("User-Agent", AGENTS[ThreadLocalRandom.current().nextInt(AGENTS.length)])
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        latencies.add((System.nanoTime() - sent) / 1e6);
                        statements.addAndGet(BATCH);
                    } else if (response.statusCode() == 503) {
                        refused.incrementAndGet();
                        TimeUnit.SECONDS.sleep(Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
                    } else {
                        failed.set(true);
                        System.err.println("ingestion failed: " + response.statusCode() + " " + response.body());
                    }
                }
                return null;
            });
        }
        clients.shutdown();
        clients.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        if (failed.get()) {
            throw new IllegalStateException("ingestion failed; see above");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Phase(statements.get() / seconds, new ArrayList<>(latencies), refused.get(), statements.get(),
                cpu().minus(cpuBefore));
    }

    /**
     * A batch of 100 generated statements: random trainees (one in twenty a visitor who is not a
     * member), a mix of verbs, durations, scores and answers, about 900 bytes of JSON each.
     */
    static byte[] batch(UUID organization, List<String> trainees) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Map<String, Object>> statements = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            String email = random.nextInt(20) == 0 ? "visitor-" + random.nextInt(1_000) + "@guest.example"
                    : trainees.get(random.nextInt(trainees.size()));
            String verb = VERBS[random.nextInt(VERBS.length)];
            UUID course = new UUID(organization.getMostSignificantBits(), random.nextInt(12));
            UUID lesson = new UUID(course.getLeastSignificantBits(), random.nextInt(20));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("duration", "PT" + (30 + random.nextInt(1_800)) + "S");
            if (verb.equals("passed") || verb.equals("failed") || verb.equals("answered")) {
                result.put("score", Map.of("scaled", Math.round(random.nextDouble() * 100) / 100.0));
                result.put("success", verb.equals("passed"));
            }
            if (verb.equals("answered")) {
                result.put("response", "Answer " + random.nextInt(1_000_000) + ": check the forks, mast and brakes.");
            }
            Map<String, Object> statement = new LinkedHashMap<>();
            statement.put("id", UUID.randomUUID().toString());
            statement.put("actor", Map.of("objectType", "Agent", "name", "Trainee", "mbox", "mailto:" + email));
            statement.put("verb", Map.of("id", ADL + verb, "display", Map.of("en-US", verb)));
            statement.put("object", Map.of("objectType", "Activity",
                    "id", "https://content.bench.example/courses/" + course + "/lessons/" + lesson,
                    "definition", Map.of("name", Map.of("en-US", "Lesson " + lesson.getLeastSignificantBits()),
                            "type", "http://adlnet.gov/expapi/activities/lesson")));
            statement.put("result", result);
            statement.put("context", Map.of("registration", UUID.randomUUID().toString(), "platform", "Bench LMS"));
            statement.put("timestamp", Instant.now().toString());
            statements.add(statement);
        }
        return JSON.writeValueAsBytes(statements);
    }

    private CpuTimes cpu() throws Exception {
        return CpuTimes.read(Map.of("service", api), operator);
    }

    // ---- the raw ceiling ----------------------------------------------------------------------

    /** The average stored size of a statement event: payload, metadata and identity columns. */
    static double storedRowBytes(Connection c) throws Exception {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT avg(octet_length(payload) + coalesce(octet_length(meta_data), 0)
                                + octet_length(event_identifier) + octet_length(aggregate_identifier)
                                + octet_length(payload_type) + octet_length(time_stamp))
                       FROM (SELECT * FROM domain_event_entry
                              WHERE payload_type = 'org.elearn.events.activity.StatementRecorded'
                              ORDER BY global_index DESC LIMIT 10000) recent""")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    /** Where the raw ceiling connects: the same PostgreSQL as the service's. */
    @FunctionalInterface
    interface Database {
        Connection connect() throws Exception;
    }

    /**
     * Rows per second: {@code concurrency} connections doing JDBC batch inserts of 100 rows of that
     * size into a scratch table (primary key, unique text column), one commit per batch, for the
     * phase.
     */
    static double rawCeiling(Database database, int rowBytes, int concurrency, Duration phase) throws Exception {
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_raw_ceiling");
            st.execute("CREATE TABLE bench_raw_ceiling (id BIGSERIAL PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, "
                    + "payload BYTEA NOT NULL)");
        }
        AtomicLong rows = new AtomicLong();
        long start = System.nanoTime();
        long end = start + phase.toNanos();
        ExecutorService writers = Executors.newFixedThreadPool(concurrency);
        for (int w = 0; w < concurrency; w++) {
            writers.submit(() -> {
                try (Connection c = database.connect()) {
                    c.setAutoCommit(false);
                    byte[] payload = new byte[Math.max(1, rowBytes - 36)];
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO bench_raw_ceiling (event_id, payload) VALUES (?, ?)")) {
                        while (System.nanoTime() < end) {
                            for (int i = 0; i < BATCH; i++) {
                                ThreadLocalRandom.current().nextBytes(payload);
                                ps.setString(1, UUID.randomUUID().toString());
                                ps.setBytes(2, payload);
                                ps.addBatch();
                            }
                            ps.executeBatch();
                            c.commit();
                            rows.addAndGet(BATCH);
                        }
                    }
                }
                return null;
            });
        }
        writers.shutdown();
        writers.awaitTermination(phase.toSeconds() + 60, TimeUnit.SECONDS);
        double rate = rows.get() / ((System.nanoTime() - start) / 1e9);
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE bench_raw_ceiling");
        }
        return rate;
    }

    private static Connection database() throws Exception {
        return BenchApi.database();
    }
}
