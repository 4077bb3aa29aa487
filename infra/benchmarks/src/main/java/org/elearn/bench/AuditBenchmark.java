package org.elearn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.elearn.command.xapi.statements.PlainEvents;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.privacy.LocalKeyEncryptionKeys;
import org.elearn.local.Services;
import org.elearn.query.audit.AuditSigningKey;
import org.elearn.query.audit.HistoryVerifier;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code bench-audit}: the auditors' three figures on a store of many events, each beside
 * the rate at which the same PostgreSQL hands the same rows to plain JDBC, measured in the same run.
 *
 * <p>One JVM: a throw-away embedded PostgreSQL with durability on, both services in-process. Setup
 * goes through HTTP (an organization with its administrator and trainees imported from CSV, an
 * auditor who may reveal personal data). The bulk is then appended straight through the command
 * side's own {@link PlainEvents} (so with its event store, encrypting serializer and key vault): one
 * {@link StatementRecorded} per event, built and appended as the statement ingestion does it, for
 * random trainees, in units of work of 500 on 2 threads. The event processors of both sides are shut down for the seed and their tokens
 * moved to the head before they start again, so live projection does not compete with the
 * measurements; the history sealer keeps running, as it would.
 *
 * <p>Then: the raw JDBC read rate (median of 3), the audit stream over HTTP as NDJSON without and
 * with {@code reveal=true}, the learning-report rebuild, and, once the sealer has caught up,
 * {@link HistoryVerifier} in-process on its own connection and {@code GET /api/audit/verify}.
 *
 * <p>Arguments: {@code [events=1000000]}. The JVM's heap is whatever the caller gives
 * ({@code infra/bench/audit.sh} uses {@code -Xmx1g}).
 */
public final class AuditBenchmark {

    private static final String OPERATOR_EMAIL = "operator@bench.example";
    private static final String OPERATOR_PASSWORD = "benchmark-operator-password";
    private static final String AUDITOR_EMAIL = "auditor@bench.example";
    private static final String AUDITOR_PASSWORD = "benchmark-auditor-password";
    private static final int THREADS = 2;
    private static final int BATCH = 500;
    private static final String RAW_SQL = "SELECT global_index, event_identifier, payload_type, payload_revision,"
            + " time_stamp, aggregate_identifier, sequence_number, type, meta_data, payload"
            + " FROM domain_event_entry ORDER BY global_index";

    private final Services services;
    private final PGSimpleDataSource database;
    private final JdbcTemplate jdbc;
    private final BenchApi command;
    private final BenchApi query;
    private final Path secrets;
    private final List<String[]> figures = new ArrayList<>();

    private AuditBenchmark(Services services, PGSimpleDataSource database, Path secrets) {
        this.services = services;
        this.database = database;
        this.jdbc = new JdbcTemplate(database);
        this.command = new BenchApi("http://localhost:" + services.commandSidePort());
        this.query = new BenchApi("http://localhost:" + services.querySidePort());
        this.secrets = secrets;
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int trainees = (int) Math.min(10_000, Math.max(100, events / 100));
        try (BenchDatabase db = new BenchDatabase()) {
            db.newDatabase("bench_audit", 2).close();
            Path secrets = Files.createTempDirectory("learning-bench-secrets");
            PGSimpleDataSource database = new PGSimpleDataSource();
            database.setUrl(db.jdbcUrl("bench_audit"));
            database.setUser("postgres");
            Services services = Services.start(
                    Map.of("learning.db.url", db.learningUrl("bench_audit"), "learning.db.user", "postgres",
                            "learning.db.password", "", "learning.secrets.dir", secrets.toString(),
                            "learning.crypto.kek", LocalKeyEncryptionKeys.newEncodedKey(), "server.port", 0,
                            "logging.level.root", "WARN"),
                    Map.of("learning.operator.email", OPERATOR_EMAIL, "learning.operator.password", OPERATOR_PASSWORD),
                    Map.of());
            try {
                new AuditBenchmark(services, database, secrets).run(events, trainees);
            } finally {
                services.close();
                // the audit signing key of a throw-away store: nothing to keep
                org.springframework.util.FileSystemUtils.deleteRecursively(secrets);
            }
        }
    }

    private void run(long events, int trainees) throws Exception {
        System.out.printf("bench-audit: %,d events, %,d trainees, JVM max heap %d MB, %d processors%n", events,
                trainees, Runtime.getRuntime().maxMemory() / 1048576, Runtime.getRuntime().availableProcessors());
        long started = System.nanoTime();
        String operator = command.login(OPERATOR_EMAIL, OPERATOR_PASSWORD);
        BenchApi.Organization org = command.organization(operator, "Audit Bench", trainees);
        command.post("/api/auditors", operator,
                Map.of("email", AUDITOR_EMAIL, "password", AUDITOR_PASSWORD, "mayReveal", true));
        System.out.printf("setup over HTTP (organization, %,d trainees imported, auditor): %.1f s, %,d events%n",
                trainees, seconds(started), count());

        List<StreamingEventProcessor> paused = new ArrayList<>();
        paused.addAll(shutDownProcessors(services.commandSide()));
        paused.addAll(shutDownProcessors(services.querySide()));
        long seedStart = System.nanoTime();
        long statements = Math.max(0, events - count());
        seed(org, statements);
        double seedSeconds = seconds(seedStart);
        long head = head();
        System.out.printf("seed: %,d statements appended in %.1f s (%,.0f events/s); store holds %,d events%n",
                statements, seedSeconds, statements / seedSeconds, count());
        moveTokensToHead(services.commandSide());
        moveTokensToHead(services.querySide());
        paused.forEach(StreamingEventProcessor::start);
        System.out.printf("processors %s restarted at the head%n",
                paused.stream().map(StreamingEventProcessor::getName).sorted().toList());
        awaitSealed(seedStart, head);

        List<Double> raw = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            raw.add(rawRate());
        }
        double rawRate = Stats.median(raw);
        System.out.printf("raw JDBC read of domain_event_entry: %s events/s, median %,.0f%n",
                raw.stream().map(r -> String.format("%,.0f", r)).toList(), rawRate);

        String auditor = command.login(AUDITOR_EMAIL, AUDITOR_PASSWORD);
        figure("audit stream, redacted (no reveal)", stream(auditor, false), rawRate, 0);
        figure("audit stream with decryption", stream(auditor, true), rawRate, 50_000);
        figure("learning-report rebuild", rebuild(command.login(OPERATOR_EMAIL, OPERATOR_PASSWORD)), rawRate, 10_000);
        awaitSealed(System.nanoTime(), head());
        figure("verification (in-process)", verify(), rawRate, 100_000);
        figure("verification (GET /api/audit/verify)", verifyOverHttp(command.login(AUDITOR_EMAIL, AUDITOR_PASSWORD)),
                rawRate, 0);

        System.out.printf("%nbench-audit results, %,d events, JVM max heap %d MB:%n", count(),
                Runtime.getRuntime().maxMemory() / 1048576);
        System.out.printf("%-40s %12s %12s %7s %10s %s%n", "figure", "events/s", "raw ev/s", "ratio", "target", "met?");
        figures.forEach(f -> System.out.printf("%-40s %12s %12s %7s %10s %s%n", (Object[]) f));
    }

    // ---- seeding ----

    /** Shuts down a context's streaming processors, releasing their claims; answers them, to start again. */
    private static List<StreamingEventProcessor> shutDownProcessors(ConfigurableApplicationContext context) {
        List<StreamingEventProcessor> processors = context.getBean(EventProcessingConfiguration.class)
                .eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
        processors.forEach(StreamingEventProcessor::shutDown);
        return processors;
    }

    /**
     * Stores the head token for every segment of every processor of the context, through the
     * context's own token store (so in exactly the form it writes), and releases the claims.
     */
    private static void moveTokensToHead(ConfigurableApplicationContext context) {
        TokenStore tokens = context.getBean(TokenStore.class);
        TrackingToken head = context.getBean(EventStorageEngine.class).createHeadToken();
        TransactionTemplate tx = context.getBean(TransactionTemplate.class);
        for (String name : context.getBean(EventProcessingConfiguration.class).eventProcessors().keySet()) {
            tx.executeWithoutResult(status -> {
                for (int segment : tokens.fetchSegments(name)) {
                    tokens.storeToken(head, name, segment);
                    tokens.releaseClaim(name, segment);
                }
            });
        }
    }

    /** Statements about random trainees, as the ingestion endpoint stores them, in units of work of {@value #BATCH}. */
    private void seed(BenchApi.Organization org, long statements) throws Exception {
        List<UUID> members = jdbc.queryForList("SELECT member_id FROM member_directory WHERE organization_id = ?",
                UUID.class, org.id());
        String credential = new String(Base64.getDecoder().decode(org.basic().substring("Basic ".length())),
                StandardCharsets.UTF_8).split(":")[0];
        PlainEvents plainEvents = services.commandSide().getBean(PlainEvents.class);
        TransactionTemplate tx = services.commandSide().getBean(TransactionTemplate.class);
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            work.add(pool.submit(() -> {
                long from;
                while ((from = next.getAndAdd(BATCH)) < statements) {
                    List<EventMessage<?>> batch = statements(org.id(), members, credential,
                            (int) Math.min(BATCH, statements - from));
                    tx.executeWithoutResult(status -> plainEvents.append(batch));
                    if ((from / BATCH) % 200 == 0 && from > 0) {
                        System.out.printf("seed: %,d appended%n", from);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
    }

    private static List<EventMessage<?>> statements(UUID organization, List<UUID> members, String credential,
                                                    int size) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant stored = Instant.now();
        List<EventMessage<?>> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            UUID member = members.get(random.nextInt(members.size()));
            UUID statementId = UUID.randomUUID();
            String object = "https://content.bench.example/video/" + random.nextInt(500);
            Instant timestamp = stored.minusSeconds(60);
            // the statement as received (its actor an LMS account named by the member id), plus "stored"
            String json = "{\"id\":\"" + statementId + "\",\"actor\":{\"objectType\":\"Agent\",\"account\":"
                    + "{\"homePage\":\"https://lms.bench.example\",\"name\":\"" + member + "\"}},"
                    + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},\"object\":{\"id\":\""
                    + object + "\"},\"result\":{\"duration\":\"PT60S\"},\"timestamp\":\"" + timestamp
                    + "\",\"stored\":\"" + stored + "\"}";
            StatementRecorded event = new StatementRecorded(statementId, organization, member, true,
                    "http://adlnet.gov/expapi/verbs/experienced", object, null, null, 60_000L, null, null,
                    timestamp, stored, json, null, "desktop", "Firefox");
            batch.add(PlainEvents.statementRecorded(event, credential));
        }
        return batch;
    }

    /** Until {@code audit_seal} reaches the head; prints the rate the sealer showed since {@code since}. */
    private void awaitSealed(long since, long head) throws InterruptedException {
        long sealedBefore = -1;
        long t0 = System.nanoTime();
        for (;;) {
            long sealed = sealed();
            if (sealedBefore < 0) {
                sealedBefore = sealed;
                t0 = System.nanoTime();
            }
            if (sealed >= head) {
                double waited = seconds(t0);
                System.out.printf("sealer: sealed up to %,d; %,d sealed while waiting %.1f s (%s); "
                                + "%.1f s after the phase began%n", sealed, sealed - sealedBefore, waited,
                        sealed - sealedBefore > 50_000 ? String.format("%,.0f events/s", (sealed - sealedBefore)
                                / waited) : "too few to rate: it kept pace", seconds(since));
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling a background catch-up in a benchmark driver
        }
    }

    // ---- figures ----

    /** One pass of plain JDBC over every column of every row, in global order; rows per second. */
    private double rawRate() throws Exception {
        PGSimpleDataSource raw = new PGSimpleDataSource();
        raw.setUrl(database.getUrl());
        raw.setUser("postgres");
        // binary results from the first execution (pgjdbc otherwise starts in text and hex-decodes
        // bytea in Java): the baseline is the best plain JDBC gets from this PostgreSQL
        raw.setPrepareThreshold(-1);
        try (Connection c = raw.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            long t0 = System.nanoTime();
            long rows = 0;
            long bytes = 0;
            try (PreparedStatement st = c.prepareStatement(RAW_SQL)) {
                st.setFetchSize(5_000);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        for (int column = 1; column <= 10; column++) {
                            byte[] value = rs.getBytes(column);
                            bytes += value == null ? 0 : value.length;
                        }
                    }
                }
            }
            double took = seconds(t0);
            c.commit();
            System.out.printf("raw: %,d rows, %.0f MB in %.1f s%n", rows, bytes / 1048576.0, took);
            return rows / took;
        }
    }

    /** The audit stream as NDJSON over HTTP, consumed as bytes as it arrives; lines per second. */
    private Rate stream(String auditor, boolean reveal) throws Exception {
        Cpu cpu = new Cpu();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> response = query.http.send(HttpRequest.newBuilder(URI.create(query.base
                        + "/api/audit/events?reveal=" + reveal)).header("Authorization", "Bearer " + auditor)
                .header("Accept", "application/x-ndjson").timeout(Duration.ofHours(1)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("audit stream answered " + response.statusCode());
            }
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = body.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double took = seconds(t0);
        System.out.printf("audit stream reveal=%s: %,d lines, %.0f MB in %.1f s; %s%n", reveal, lines,
                bytes / 1048576.0, took, cpu);
        return new Rate(lines, took);
    }

    /** Starts the rebuild, follows it to the end; events replayed over its own start-to-finish time. */
    private Rate rebuild(String operator) throws Exception {
        String path = "/api/operations/projections/learning-report/rebuild";
        Cpu cpu = new Cpu();
        long t0 = System.nanoTime();
        query.post(path, operator, Map.of());
        JsonNode status;
        long lastPrint = 0;
        do {
            TimeUnit.MILLISECONDS.sleep(500); // polling a background job's status, as an operator would
            status = BenchApi.JSON.readTree(query.send(HttpRequest.newBuilder(URI.create(query.base + path))
                    .header("Authorization", "Bearer " + operator).GET()));
            if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(30)) {
                lastPrint = System.nanoTime();
                System.out.printf("rebuild: %s %s%n", status.path("state").asText(), status.path("percent").asText());
            }
        } while (!status.path("state").asText().equals("DONE") && !status.path("state").asText().equals("FAILED"));
        double wall = seconds(t0);
        if (!status.path("state").asText().equals("DONE")) {
            throw new IllegalStateException("rebuild failed: " + status);
        }
        double took = Duration.between(instant(status.get("startedAt")), instant(status.get("finishedAt")))
                .toNanos() / 1e9;
        long replayed = status.path("head").asLong();
        System.out.printf("rebuild: %,d events replayed, startedAt to finishedAt %.1f s (%.1f s from the request to "
                + "DONE seen); service's own rate %,.0f events/s; %s%n", replayed, took, wall,
                status.path("eventsPerSecond").asDouble(), cpu);
        return new Rate(replayed, took);
    }

    private Rate verify() throws Exception {
        List<java.security.PublicKey> trusted = List.of(
                AuditSigningKey.read(secrets.resolve(AuditSigningKey.DEFAULT_FILE)).publicKey());
        Cpu cpu = new Cpu();
        long t0 = System.nanoTime();
        HistoryVerifier.Result result = new HistoryVerifier(database, trusted).verify(null, null);
        double took = seconds(t0);
        System.out.printf("verification in-process: %s in %.1f s; %s%n", result, took, cpu);
        if (!result.ok()) {
            throw new IllegalStateException("the history does not verify");
        }
        return new Rate(result.checked(), took);
    }

    private Rate verifyOverHttp(String auditor) throws Exception {
        long t0 = System.nanoTime();
        JsonNode result = BenchApi.JSON.readTree(query.send(HttpRequest.newBuilder(URI.create(query.base
                + "/api/audit/verify")).header("Authorization", "Bearer " + auditor).GET()));
        double took = seconds(t0);
        System.out.printf("verification over HTTP: %s in %.1f s%n", result, took);
        return new Rate(result.path("checked").asLong(), took);
    }

    private void figure(String name, Rate rate, double raw, double target) {
        double perSecond = rate.events() / rate.seconds();
        figures.add(new String[] {name, String.format("%,.0f", perSecond), String.format("%,.0f", raw),
                String.format("%.3f", perSecond / raw), target > 0 ? String.format("≥ %,.0f", target) : "",
                target > 0 ? (perSecond >= target ? "met" : "NOT met") : ""});
    }

    /** Events over seconds. */
    private record Rate(long events, double seconds) {
    }

    /** This JVM's CPU time over a phase, as cores busy: the rest of the machine is PostgreSQL and others. */
    private static final class Cpu {
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final long cpu0 = os.getProcessCpuTime();
        private final long wall0 = System.nanoTime();

        @Override
        public String toString() {
            return String.format("JVM busy %.2f cores on average", (double) (os.getProcessCpuTime() - cpu0)
                    / (System.nanoTime() - wall0));
        }
    }

    // ---- helpers ----

    private long count() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private long head() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    private long sealed() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM audit_seal", Long.class);
    }

    /** An instant as Jackson wrote it: ISO-8601 text, or decimal epoch seconds. */
    private static Instant instant(JsonNode node) {
        if (node.isNumber()) {
            return Instant.ofEpochSecond(0, Math.round(node.asDouble() * 1e9));
        }
        return Instant.parse(node.asText());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
