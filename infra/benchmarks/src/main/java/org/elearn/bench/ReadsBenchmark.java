package org.elearn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench-xapi-reads}: the LRS's reads and documents against a running command side. Sets up,
 * through the API, one organization with trainees and a credential holding {@code statements/write},
 * {@code statements/read} and {@code state}; loads a store of N statements (batches of 1,000, the
 * service's largest, from several clients, spread over the trainees and five verbs), or only what is
 * missing when the organization was loaded by an earlier run; then measures, one client at a time:
 * <ol>
 *   <li>a page of 100 of {@code GET /xapi/statements} filtered by agent and verb: p50 and p99;</li>
 *   <li>following {@code more} links (pages of 500) through 10,000 statements: statements per second;</li>
 *   <li>State documents: {@code PUT} and {@code GET} of {@code /xapi/activities/state}: p50 and p99;</li>
 * </ol>
 * with the CPU seconds of the service and PostgreSQL per 1,000 statements read for the first two.
 *
 * <p>Settings (environment) as {@link IngestionBenchmark}'s. Arguments:
 * {@code [statements=1000000] [trainees=1000] [loading clients=8] [filtered pages=500] [state requests=1000]}.
 * With {@code seed} first ({@code seed [statements] [trainees] [loading clients]}) it only loads the
 * store and stops, so a large store is paid for once, apart from the measured runs that reuse it.
 */
public final class ReadsBenchmark {

    private static final ObjectMapper JSON = BenchApi.JSON;
    private static final String ADL = "http://adlnet.gov/expapi/verbs/";
    private static final String[] VERBS = {"experienced", "completed", "answered", "passed", "failed"};
    /** The command side's {@code learning.xapi.max-batch}: fewer requests and transactions per statement. */
    private static final int BATCH = 1_000;
    private static final int PAGE = 100;
    private static final int WALK = 10_000;
    private static final int WALK_PAGE = 500;

    private final BenchApi api = BenchApi.commandSide();
    private String operator;
    private String basic;
    private UUID organization;
    private List<String> trainees;

    private ReadsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean seedOnly = args.length > 0 && args[0].equals("seed");
        if (seedOnly) {
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        long statements = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int trainees = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int pages = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        int stateRequests = args.length > 4 ? Integer.parseInt(args[4]) : 1_000;
        new ReadsBenchmark().run(statements, trainees, clients, pages, stateRequests, seedOnly);
    }

    private void run(long statements, int traineeCount, int clients, int pages, int stateRequests, boolean seedOnly)
            throws Exception {
        operator = api.operator();
        setUp("Bench Reads " + statements + " " + traineeCount, traineeCount);
        long stored = storedStatements();
        if (stored < statements) {
            load(statements - stored, clients);
        }
        System.out.printf("store: %,d statements of one organization (%,d loaded by earlier runs), %,d trainees, "
                + "%d verbs%n", storedStatements(), stored, traineeCount, VERBS.length);
        if (seedOnly) {
            return;
        }

        filteredPages(50, new ArrayList<>(), new AtomicLong()); // warm-up, not reported
        List<Double> pageMs = new ArrayList<>();
        AtomicLong pageStatements = new AtomicLong();
        CpuTimes before = cpu();
        filteredPages(pages, pageMs, pageStatements);
        CpuTimes pageCpu = cpu().minus(before);

        walk(true, 2_000); // warm-up over the oldest statements, not reported
        before = cpu();
        long start = System.nanoTime();
        long walked = walk(false, WALK);
        double walkSeconds = (System.nanoTime() - start) / 1e9;
        CpuTimes walkCpu = cpu().minus(before);

        List<Double> putMs = new ArrayList<>();
        List<Double> getMs = new ArrayList<>();
        state(50, new ArrayList<>(), new ArrayList<>()); // warm-up, not reported
        state(stateRequests, putMs, getMs);

        System.out.println();
        System.out.println("| measure | requests | p50 | p99 | throughput | target |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| page of %d, agent + verb | %d | %.1f ms | %.1f ms | %.1f statements/page | p99 < 100 ms |%n",
                PAGE, pageMs.size(), Stats.median(pageMs), Stats.percentile(pageMs, 99),
                pageStatements.get() / (double) pageMs.size());
        System.out.printf(Locale.ROOT, "| `more` through %,d (pages of %d) | %d | | | %,.0f statements/s | >= 20,000/s |%n",
                walked, WALK_PAGE, (walked + WALK_PAGE - 1) / WALK_PAGE, walked / walkSeconds);
        System.out.printf(Locale.ROOT, "| State PUT | %d | %.1f ms | %.1f ms | | p99 < 20 ms |%n",
                putMs.size(), Stats.median(putMs), Stats.percentile(putMs, 99));
        System.out.printf(Locale.ROOT, "| State GET | %d | %.1f ms | %.1f ms | | p99 < 20 ms |%n",
                getMs.size(), Stats.median(getMs), Stats.percentile(getMs, 99));
        System.out.println();
        System.out.println("CPU seconds per 1,000 statements read (" + Runtime.getRuntime().availableProcessors()
                + " cores):");
        System.out.println("  filtered pages: " + pageCpu.perThousand(pageStatements.get()));
        System.out.println("  more links:     " + walkCpu.perThousand(walked));
    }

    // ---- setup and load -----------------------------------------------------------------------

    /** The organization of an earlier run with these figures, else a new one; a credential that reads. */
    private void setUp(String name, int traineeCount) throws Exception {
        BenchApi.Organization org;
        try {
            org = api.existing(name, traineeCount);
        } catch (IllegalStateException none) {
            org = api.organization(operator, name, traineeCount);
        }
        organization = org.id();
        trainees = org.trainees();
        JsonNode credential = api.post("/api/organizations/" + organization + "/xapi-credentials", org.adminToken(),
                Map.of("label", "Bench reads", "refusesUnknownActors", false,
                        "scopes", List.of("statements/write", "statements/read", "state")));
        basic = "Basic " + Base64.getEncoder().encodeToString((credential.get("key").asText() + ":"
                + credential.get("secret").asText()).getBytes(StandardCharsets.UTF_8));
    }

    private long storedStatements() throws Exception {
        try (Connection c = BenchApi.database();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM xapi_statement WHERE organization_id = ?")) {
            st.setObject(1, organization);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Batches of {@value #BATCH} from {@code clients} clients until {@code count} more statements are stored. */
    private void load(long count, int clients) throws Exception {
        long batches = (count + BATCH - 1) / BATCH;
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Object>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                for (long b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                    int size = (int) Math.min(BATCH, count - b * BATCH);
                    byte[] body = batch(size);
                    while (true) {
                        HttpResponse<String> response = xapi(HttpRequest.newBuilder(uri("/xapi/statements"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
                        if (response.statusCode() == 200) {
                            break;
                        }
                        if (response.statusCode() != 503) {
                            throw new IllegalStateException("loading failed: " + response.statusCode() + " "
                                    + response.body());
                        }
                        TimeUnit.SECONDS.sleep(1); // Retry-After of an overloaded service: a load generator, not a test
                    }
                    long total = done.addAndGet(size);
                    if (total / 100_000 != (total - size) / 100_000) {
                        System.out.printf("  loaded %,d of %,d (%.0f statements/s)%n", total, count,
                                total / ((System.nanoTime() - start) / 1e9));
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<Object> client : running) {
            client.get();
        }
        System.out.printf("loaded %,d statements in %.0f s%n", count, (System.nanoTime() - start) / 1e9);
    }

    private byte[] batch(int size) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Map<String, Object>> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String verb = VERBS[random.nextInt(VERBS.length)];
            UUID lesson = new UUID(organization.getMostSignificantBits(), random.nextInt(200));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("duration", "PT" + (30 + random.nextInt(1_800)) + "S");
            if (!verb.equals("experienced")) {
                result.put("score", Map.of("scaled", Math.round(random.nextDouble() * 100) / 100.0));
                result.put("success", !verb.equals("failed"));
            }
            Map<String, Object> statement = new LinkedHashMap<>();
            statement.put("id", UUID.randomUUID().toString());
            statement.put("actor", agent(trainees.get(random.nextInt(trainees.size()))));
            statement.put("verb", Map.of("id", ADL + verb, "display", Map.of("en-US", verb)));
            statement.put("object", Map.of("objectType", "Activity",
                    "id", "https://content.bench.example/lessons/" + lesson,
                    "definition", Map.of("name", Map.of("en-US", "Lesson " + lesson.getLeastSignificantBits()),
                            "type", "http://adlnet.gov/expapi/activities/lesson")));
            statement.put("result", result);
            statement.put("context", Map.of("registration", UUID.randomUUID().toString(), "platform", "Bench LMS"));
            statement.put("timestamp", Instant.now().toString());
            batch.add(statement);
        }
        return JSON.writeValueAsBytes(batch);
    }

    private static Map<String, String> agent(String email) {
        return Map.of("objectType", "Agent", "mbox", "mailto:" + email);
    }

    // ---- measurements -------------------------------------------------------------------------

    /** Pages of 100 filtered by a random trainee and verb, one after the other. */
    private void filteredPages(int count, List<Double> latenciesMs, AtomicLong statements) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            String query = "/xapi/statements?agent=" + encode(JSON.writeValueAsString(
                    agent(trainees.get(random.nextInt(trainees.size())))))
                    + "&verb=" + encode(ADL + VERBS[random.nextInt(VERBS.length)]) + "&limit=" + PAGE;
            long sent = System.nanoTime();
            JsonNode page = JSON.readTree(ok(xapi(HttpRequest.newBuilder(uri(query)).GET())));
            latenciesMs.add((System.nanoTime() - sent) / 1e6);
            statements.addAndGet(page.get("statements").size());
        }
        if (count > 0 && statements.get() == 0) {
            throw new IllegalStateException("the filtered pages were all empty: the agent filter found nothing");
        }
    }

    /** Follows {@code more} from the first page until {@code count} statements are read; how many were. */
    private long walk(boolean ascending, int count) throws Exception {
        String link = "/xapi/statements?limit=" + WALK_PAGE + (ascending ? "&ascending=true" : "");
        long read = 0;
        while (read < count && link != null && !link.isEmpty()) {
            JsonNode page = JSON.readTree(ok(xapi(HttpRequest.newBuilder(uri(link)).GET())));
            read += page.get("statements").size();
            link = page.path("more").asText(null);
        }
        return read;
    }

    /** {@code count} State PUTs (random trainee, one of 100 ids), then a GET of each. */
    private void state(int count, List<Double> putMs, List<Double> getMs) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            queries.add("/xapi/activities/state?activityId=" + encode("https://content.bench.example/lessons/"
                    + random.nextInt(200)) + "&agent=" + encode(JSON.writeValueAsString(
                    agent(trainees.get(random.nextInt(trainees.size()))))) + "&stateId=bookmark-" + random.nextInt(100));
        }
        for (String query : queries) {
            byte[] document = JSON.writeValueAsBytes(Map.of("location", "page-" + random.nextInt(400),
                    "suspendData", "s" + Long.toHexString(random.nextLong()).repeat(8), "savedAt", Instant.now().toString()));
            long sent = System.nanoTime();
            ok(xapi(HttpRequest.newBuilder(uri(query)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(document))));
            putMs.add((System.nanoTime() - sent) / 1e6);
        }
        for (String query : queries) {
            long sent = System.nanoTime();
            ok(xapi(HttpRequest.newBuilder(uri(query)).GET()));
            getMs.add((System.nanoTime() - sent) / 1e6);
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------

    private URI uri(String path) {
        return URI.create(api.base + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** An xAPI request with the read credential. */
    private HttpResponse<String> xapi(HttpRequest.Builder request) throws Exception {
        return api.http.send(request.header("Authorization", basic).header("X-Experience-API-Version", "1.0.3")
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String ok(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                    + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private CpuTimes cpu() throws Exception {
        return CpuTimes.read(Map.of("service", api), operator);
    }
}
