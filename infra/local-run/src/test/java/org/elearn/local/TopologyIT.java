package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * The production-shaped topology of infra/topology, every part a process: Debian's PostgreSQL, two
 * command-side and two query-side instances, HAProxy in front. Everything a client does goes through
 * the proxy, except where a test names one instance on purpose. The tests run in order on one
 * topology: a login is valid on every instance; ingestion is spread over both command sides; an
 * erasure on one command side is honoured by both query sides' next reads and by the other command
 * side within 1 s; a query side killed with
 * SIGKILL in the middle of a report stream has its segments taken over by the other, and the stream
 * resumes through the proxy from Last-Event-ID with no change lost; every acknowledged statement
 * is readable at the end; a backup taken before the erasure, restored with pg_restore, comes back
 * with the subject still erased. Skipped where Debian's postgresql or haproxy is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TopologyIT {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() { };
    private static final int TRAINEES = 8;
    private static final int BATCH = 10;

    private TopologyScript topology;
    private LocalApi api; // through the proxy
    private String operator;
    private LocalApi.TrainingOrganization org;
    private List<String> emails;
    private String erin;
    private UUID erinId;
    private UUID erinStatement;
    /** A pg_dump of the database taken before Erin's erasure. */
    private Path backup;
    /** Every statement acknowledged (200), and the learning seconds acknowledged per trainee's email. */
    private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> secondsAcknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger posts = new AtomicInteger();

    @BeforeAll
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void start() throws Exception {
        String missing = TopologyScript.missingBinaries();
        Assumptions.assumeTrue(missing == null, missing);
        long started = System.nanoTime();
        topology = TopologyScript.start(Path.of("target/topology"), Map.of(
                "LEARNING_OPERATOR_EMAIL", LocalApi.OPERATOR_EMAIL,
                "LEARNING_OPERATOR_PASSWORD", LocalApi.OPERATOR_PASSWORD));
        System.out.printf("topology started in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
        api = LocalApi.remote(topology.port("PROXY"), topology.port("PROXY"));
        operator = api.operator();
        List<LocalApi.Trainee> trainees = new ArrayList<>(LocalApi.numberedTrainees(TRAINEES, 2));
        trainees.add(new LocalApi.Trainee("Erin Topology", "erin", "Dept 0"));
        org = api.organizationWithTrainees(operator, "Topology Org", "Ada", "topology.example", trainees);
        emails = trainees.subList(0, TRAINEES).stream().map(t -> org.email(t.mailbox())).toList();
        erin = org.email("erin");
    }

    @AfterAll
    void stop() throws Exception {
        if (topology != null) {
            topology.close();
        }
    }

    private WebTestClient instance(String name) {
        return LocalApi.client(topology.port(name));
    }

    @Test
    @Order(1)
    void aLoginOnOneInstanceIsValidOnEveryOther() {
        for (String issuer : List.of("COMMAND_SIDE_1", "COMMAND_SIDE_2")) {
            String token = instance(issuer).post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", LocalApi.OPERATOR_EMAIL, "password", LocalApi.OPERATOR_PASSWORD))
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody()
                    .get("accessToken").toString();
            for (String command : List.of("COMMAND_SIDE_1", "COMMAND_SIDE_2")) {
                instance(command).get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange()
                        .expectStatus().isOk();
            }
            for (String query : List.of("QUERY_SIDE_1", "QUERY_SIDE_2")) {
                // the organization reaches the query side's projection a moment after the members the
                // setup waited for (another processor): wait for it; a refused token stays a 401
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> instance(query).get()
                        .uri("/api/organizations/{o}", org.id()).headers(h -> h.setBearerAuth(token))
                        .exchange().expectStatus().isOk());
            }
        }
    }

    @Test
    @Order(2)
    void ingestionThroughTheProxyIsSpreadOverBothCommandSides() {
        Map<String, Long> before = requestsPerServer("command_side");
        int sentBefore = posts.get();
        for (int i = 0; i < 20; i++) {
            sendBatch();
        }
        Map<String, Long> after = requestsPerServer("command_side");
        long first = after.get("command1") - before.get("command1");
        long second = after.get("command2") - before.get("command2");
        System.out.printf("ingestion through the proxy: %d batches to command side 1, %d to command side 2%n",
                first, second);
        assertThat(first + second).as("requests the proxy sent to the command sides").isEqualTo(posts.get() - sentBefore);
        assertThat(first).as("batches on command side 1").isPositive();
        assertThat(second).as("batches on command side 2").isPositive();
    }

    @Test
    @Order(3)
    void anErasureOnOneCommandSideIsHonouredByEveryInstanceWithinOneSecond() throws Exception {
        erinId = api.memberId(org.admin(), org.id(), "Erin Topology");
        UUID statement = UUID.randomUUID();
        erinStatement = statement;
        api.ingest(org.credential(), statementOf(statement, erin, 60));
        // every instance has read Erin's data (command side 2 has her key in its cache) before the erasure
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(statementOn("COMMAND_SIDE_2", statement)).contains("mailto:" + erin);
            for (String query : List.of("QUERY_SIDE_1", "QUERY_SIDE_2")) {
                assertThat(membersOn(query)).contains("Erin Topology");
                assertThat(learningReportOn(query)).contains("Erin Topology");
            }
        });

        // a backup from before the erasure, restored by the last test
        backup = topology.directory().resolve("backup.dump");
        topology.pgClient("pg_dump", "--format=custom", "--file=" + backup, "learning");

        instance("COMMAND_SIDE_1").post().uri("/api/users/{id}/erasure", erinId)
                .headers(h -> h.setBearerAuth(org.admin())).exchange().expectStatus().isAccepted();
        long erased = System.nanoTime();
        // the erasure fence committed before the 202: every query-side read leaves her out from the
        // first request on, however far its processors lag (docs/privacy.md), so nothing is awaited
        for (String query : List.of("QUERY_SIDE_1", "QUERY_SIDE_2")) {
            assertThat(membersOn(query)).doesNotContain("Erin Topology");
            assertThat(learningReportOn(query)).doesNotContain("Erin Topology");
            instance(query).get().uri("/api/users/{id}/personal-data", erinId)
                    .headers(h -> h.setBearerAuth(org.admin())).exchange().expectStatus().isEqualTo(410);
        }
        long queried = System.nanoTime();
        // command side 2 had her key cached: the erasure's NOTIFY evicts it
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(statementOn("COMMAND_SIDE_2", statement)).doesNotContain(erin)
                        .contains("\"name\":\"erased\""));
        System.out.printf("erasure on command side 1: both query sides' reads left her out at once (%d ms for their"
                        + " six requests), command side 2 read her statement erased %d ms after the erasure%n",
                (queried - erased) / 1_000_000, (System.nanoTime() - erased) / 1_000_000);
    }

    @Test
    @Order(4)
    void aQuerySideKilledMidStreamHandsItsSegmentsOverAndTheStreamResumesWithNoGap() throws Exception {
        Map<String, Long> seen = new ConcurrentHashMap<>(); // trainee -> learning seconds, as the stream told
        Map<String, String> names = new ConcurrentHashMap<>(); // trainee -> name
        AtomicReference<String> lastEventId = new AtomicReference<>();
        AtomicBoolean snapshotComplete = new AtomicBoolean();
        AtomicBoolean ended = new AtomicBoolean();
        Disposable first = stream(null).subscribe(event -> apply(event, seen, names, lastEventId, snapshotComplete),
                error -> ended.set(true), () -> ended.set(true));
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        Disposable resumed = null;
        try {
            await().atMost(Duration.ofSeconds(60)).untilTrue(snapshotComplete);
            String victim = await().atMost(Duration.ofSeconds(10)).until(this::streamHolder, h -> h != null);
            String survivor = victim.equals("QUERY_SIDE_1") ? "QUERY_SIDE_2" : "QUERY_SIDE_1";
            String victimId = instanceId(victim);
            String survivorId = instanceId(survivor);
            // the victim holds its share of the report's segments, so the kill tests their takeover
            Set<String> victimSegments = await().atMost(Duration.ofSeconds(90))
                    .until(() -> segmentsOf(victimId), s -> s.stream().anyMatch(x -> x.startsWith("learning-report/")));

            load.scheduleWithFixedDelay(this::sendBatch, 0, 200, TimeUnit.MILLISECONDS);
            String before = lastEventId.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> !java.util.Objects.equals(before, lastEventId.get()));

            ProcessHandle.of(topology.pid(victim)).orElseThrow().destroyForcibly(); // SIGKILL
            long killed = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).untilTrue(ended);
            // statements go on arriving while the client is cut off; then it reconnects through the proxy
            int acknowledgedAtKill = acknowledged.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= acknowledgedAtKill + 3 * BATCH);
            String resumeFrom = lastEventId.get();
            assertThat(resumeFrom).as("the last event id the client saw").isNotNull();
            resumed = stream(resumeFrom).subscribe(event -> apply(event, seen, names, lastEventId, snapshotComplete));
            int acknowledgedAtResume = acknowledged.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= acknowledgedAtResume + 3 * BATCH);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).as("the load stopped").isTrue();

            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(segmentsOf(survivorId))
                    .as("the killed instance's segments, claimed by the survivor").containsAll(victimSegments));
            System.out.printf("query side killed mid-stream: the survivor owns its %d segments %d ms after the kill%n",
                    victimSegments.size(), (System.nanoTime() - killed) / 1_000_000);
            // no gap: the stream, resumed on the other instance, has told the client every acknowledged second
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                Map<String, Long> expected = new HashMap<>();
                names.forEach((trainee, name) -> expected.put(trainee,
                        (long) secondsAcknowledged.getOrDefault(emailOf(name), 0)));
                assertThat(names).as("trainees the stream showed").hasSize(TRAINEES);
                assertThat(seen).as("learning seconds per trainee, as the resumed stream told").isEqualTo(expected);
            });
            System.out.printf("stream resumed from Last-Event-ID %s with every change, %d ms after the kill%n",
                    resumeFrom, (System.nanoTime() - killed) / 1_000_000);
        } finally {
            load.shutdownNow();
            first.dispose();
            if (resumed != null) {
                resumed.dispose();
            }
        }
    }

    @Test
    @Order(5)
    void everyAcknowledgedStatementIsReadable() {
        assertThat(acknowledged).as("statements acknowledged by the earlier tests").hasSizeGreaterThan(20 * BATCH);
        List<UUID> missing = new ArrayList<>();
        for (UUID id : acknowledged) {
            api.command().get().uri("/xapi/statements?statementId={id}", id).headers(this::xapi).exchange()
                    .expectStatus().value(status -> {
                        if (status != 200) {
                            missing.add(id);
                        }
                    });
        }
        assertThat(missing).as("acknowledged statements not readable through the proxy").isEmpty();
        System.out.printf("all %d acknowledged statements readable through the proxy%n", acknowledged.size());
    }

    /**
     * The database restored from the backup taken before Erin's erasure holds her key, her rows and no
     * fence again; the erasure log beside the KEK, which no restore touches, has every instance
     * erase her again before it turns ready: no wait in the checks after the start.
     */
    @Test
    @Order(6)
    void aBackupTakenBeforeAnErasureComesBackWithTheSubjectStillErased() throws Exception {
        topology.stopServices();
        topology.pgClientAsSuperuser("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres",
                "-c", "DROP DATABASE learning", "-c", "CREATE DATABASE learning OWNER learning");
        topology.pgClient("pg_restore", "--exit-on-error", "--dbname=learning", backup.toString());
        assertThat(count("SELECT count(*) FROM data_key WHERE subject_id = ?", erinId.toString()))
                .as("Erin's key, restored").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM data_subject_erasure WHERE subject_id = ?", erinId.toString()))
                .as("Erin's erasure fence, restored").isZero();
        assertThat(count("SELECT count(*) FROM member_view WHERE member_id = ?::uuid", erinId.toString()))
                .as("Erin's member row, restored").isEqualTo(1);

        topology.startServices();
        assertThat(count("SELECT count(*) FROM data_key WHERE subject_id = ?", erinId.toString()))
                .as("Erin's key after the start").isZero();
        assertThat(count("SELECT count(*) FROM data_subject_erasure WHERE subject_id = ?", erinId.toString()))
                .as("Erin's erasure fence after the start").isEqualTo(1);
        for (String command : List.of("COMMAND_SIDE_1", "COMMAND_SIDE_2")) {
            assertThat(statementOn(command, erinStatement)).doesNotContain(erin).contains("\"name\":\"erased\"");
        }
        for (String query : List.of("QUERY_SIDE_1", "QUERY_SIDE_2")) {
            assertThat(membersOn(query)).doesNotContain("Erin Topology").contains("Trainee 0");
            assertThat(learningReportOn(query)).doesNotContain("Erin Topology");
            instance(query).get().uri("/api/users/{id}/personal-data", erinId)
                    .headers(h -> h.setBearerAuth(org.admin())).exchange().expectStatus().isEqualTo(410);
        }
        // the query sides deleted her rows themselves before turning ready, not only their processors later
        for (String query : List.of("query-side-1", "query-side-2")) {
            assertThat(java.nio.file.Files.readString(topology.directory().resolve(query + ".log")))
                    .contains("deleted the projection rows of 1 subjects of the erasure log");
        }
        // and it stays so while the processors go through the erasure appended again
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String query : List.of("QUERY_SIDE_1", "QUERY_SIDE_2")) {
                assertThat(membersOn(query)).doesNotContain("Erin Topology");
                assertThat(learningReportOn(query)).doesNotContain("Erin Topology");
            }
        });
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection c = topology.database(); PreparedStatement st = c.prepareStatement(sql)) {
            if (parameter != null) {
                st.setString(1, parameter);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // --- helpers

    private void xapi(org.springframework.http.HttpHeaders headers) {
        headers.setBasicAuth(org.credential().key(), org.credential().secret());
        headers.set("X-Experience-API-Version", "1.0.3");
    }

    private static Map<String, Object> statementOf(UUID id, String email, int seconds) {
        Map<String, Object> statement = new HashMap<>(LocalApi.experienced(email, "PT" + seconds + "S"));
        statement.put("id", id.toString());
        return statement;
    }

    /**
     * One batch through the proxy, sent again with the same statement ids until acknowledged (a
     * statement sent again is stored once); then its ids and seconds count as acknowledged.
     */
    private void sendBatch() {
        List<Map<String, Object>> batch = new ArrayList<>();
        Map<String, Integer> seconds = new HashMap<>();
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < BATCH; i++) {
            String email = emails.get(ThreadLocalRandom.current().nextInt(TRAINEES));
            int s = ThreadLocalRandom.current().nextInt(1, 600);
            UUID id = UUID.randomUUID();
            batch.add(statementOf(id, email, s));
            seconds.merge(email, s, Integer::sum);
            ids.add(id);
        }
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> {
            posts.incrementAndGet();
            return api.command().post().uri("/xapi/statements").headers(this::xapi)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(batch).exchange()
                    .returnResult(String.class).getStatus().value() == 200;
        });
        acknowledged.addAll(ids);
        seconds.forEach((email, s) -> secondsAcknowledged.merge(email, s, Integer::sum));
    }

    private String statementOn(String instance, UUID id) {
        return instance(instance).get().uri("/xapi/statements?statementId={id}", id).headers(this::xapi).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private String membersOn(String instance) {
        return instance(instance).get().uri("/api/organizations/{o}/members?size=100", org.id())
                .headers(h -> h.setBearerAuth(org.admin())).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private String learningReportOn(String instance) {
        return instance(instance).get().uri("/api/organizations/{o}/reports/learning?size=100", org.id())
                .headers(h -> h.setBearerAuth(org.admin())).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private String emailOf(String name) {
        return org.email("t" + name.substring("Trainee ".length()));
    }

    private reactor.core.publisher.Flux<ServerSentEvent<Map<String, Object>>> stream(String lastEventId) {
        return WebClient.create("http://127.0.0.1:" + topology.port("PROXY")).get()
                .uri("/api/organizations/{o}/reports/learning/stream", org.id())
                .accept(MediaType.TEXT_EVENT_STREAM).headers(h -> {
                    h.setBearerAuth(org.admin());
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                }).retrieve().bodyToFlux(SSE);
    }

    private static void apply(ServerSentEvent<Map<String, Object>> event, Map<String, Long> seen,
                              Map<String, String> names, AtomicReference<String> lastEventId,
                              AtomicBoolean snapshotComplete) {
        if ("snapshot-complete".equals(event.event())) {
            snapshotComplete.set(true);
        } else if ("row".equals(event.event())) {
            String trainee = event.data().get("traineeId").toString();
            names.put(trainee, event.data().get("name").toString());
            seen.put(trainee, ((Number) event.data().get("learningSeconds")).longValue());
        } else if ("removed".equals(event.event())) {
            seen.remove(event.data().get("traineeId").toString());
        }
        if (event.id() != null) {
            lastEventId.set(event.id());
        }
    }

    /** HAProxy's statistics (CSV): requests sent to each server of a backend. */
    private Map<String, Long> requestsPerServer(String backend) {
        Map<String, Long> requests = new HashMap<>();
        statistics(backend).forEach((server, row) -> requests.put(server, Long.parseLong(row.get("req_tot"))));
        return requests;
    }

    /** The query-side instance the one open report stream goes to (the server with a current session), or null. */
    private String streamHolder() {
        List<String> holding = statistics("query_side").entrySet().stream()
                .filter(e -> Long.parseLong(e.getValue().get("scur")) > 0).map(Map.Entry::getKey).toList();
        return holding.size() != 1 ? null : holding.get(0).equals("query1") ? "QUERY_SIDE_1" : "QUERY_SIDE_2";
    }

    private Map<String, Map<String, String>> statistics(String backend) {
        String csv = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + topology.port("STATS")).build()
                .get().uri("/stats;csv").exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        List<String> lines = csv.lines().toList();
        String[] header = lines.get(0).substring(2).split(",", -1); // "# pxname,svname,..."
        Map<String, Map<String, String>> servers = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            if (fields.length < 2 || !fields[0].equals(backend) || fields[1].equals("BACKEND")) {
                continue;
            }
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length && i < fields.length; i++) {
                row.put(header[i], fields[i]);
            }
            servers.put(fields[1], row);
        }
        return servers;
    }

    /** The owner id an instance writes into token_entry (SegmentBalancer: "pid@host/…"). */
    private String instanceId(String instance) throws Exception {
        try (Connection c = topology.database(); PreparedStatement st = c.prepareStatement(
                "SELECT instance_id FROM processor_instance WHERE split_part(instance_id, '@', 1) = ?")) {
            st.setString(1, Long.toString(topology.pid(instance)));
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("%s's row in processor_instance", instance).isTrue();
                return rs.getString(1);
            }
        }
    }

    /** The segments an instance owns, as "processor/segment". */
    private Set<String> segmentsOf(String owner) throws Exception {
        Set<String> segments = new HashSet<>();
        try (Connection c = topology.database(); PreparedStatement st = c.prepareStatement(
                "SELECT processor_name, segment FROM token_entry WHERE owner = ?")) {
            st.setString(1, owner);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    segments.add(rs.getString(1) + "/" + rs.getInt(2));
                }
            }
        }
        return segments;
    }
}
