package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.elearn.cli.RebuildCommand;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Rebuilding the learning report from the history over HTTP, with two query-side instances: the
 * rebuilt tables equal the live ones (erased trainees included, as erased), reads never fail while
 * the shadow is swapped in, both instances serve the new tables and keep projecting afterwards.
 */
class ProjectionRebuildIT {

    private final TestDatabases.TestDatabase db = TestDatabases.create();
    private final LocalApi api = start(db);

    /**
     * Both services on this database, in the separate processor layout; {@code MergedProjectionRebuildIT}
     * starts them in the merged (default) layout.
     */
    LocalApi start(TestDatabases.TestDatabase database) {
        return LocalApi.withSettings(database, "target/rebuild-secrets", MergedProcessorsIT.SEPARATE);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aRebuildEqualsTheLiveProjectionAndIsSwappedInWithoutAFailedRead() throws Exception {
        String operator = api.operator();
        LocalApi.TrainingOrganization org = api.organizationWithTrainees(operator, "Rebuild Org", "Rita",
                "rebuild.example", LocalApi.numberedTrainees(30, 3));
        UUID organization = org.id();
        String admin = org.admin();
        List<Map<String, Object>> statements = new ArrayList<>();
        long minutes = 0;
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j <= i % 4; j++) {
                statements.add(LocalApi.experienced(org.email("t" + i), "PT" + (i + j + 1) + "M"));
                minutes += i + j + 1;
            }
        }
        String allLearning = String.valueOf(minutes * 60_000);
        api.ingest(org.credential(), statements);
        UUID erased = api.memberId(admin, organization, "Trainee 7");
        api.command().post().uri("/api/users/{id}/erasure", erased).headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().is2xxSuccessful();
        UUID deactivated = api.memberId(admin, organization, "Trainee 8");
        api.command().post().uri("/api/organizations/{o}/members/{m}/deactivation", organization, deactivated)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().is2xxSuccessful();
        // every statement counted (erased rows keep counting), the erasure and the deactivation applied
        await().atMost(Duration.ofSeconds(60)).until(() -> query("SELECT count(*), sum(learning_millis),"
                + " count(*) FILTER (WHERE erased), count(*) FILTER (WHERE status = 'DEACTIVATED') FROM report_trainee")
                .equals(List.of(List.of("30", allLearning, "1", "1"))));
        List<List<String>> traineesBefore = query(TRAINEES);
        List<List<String>> enrolmentsBefore = query("SELECT * FROM report_enrolment ORDER BY trainee_id, course_id");
        assertThat(traineesBefore).hasSize(30);

        WebTestClient second = LocalApi.client(LocalApi.port(api.anotherQuerySide()));
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (WebTestClient client : List.of(api.query(), second)) {
            Thread reader = new Thread(() -> {
                while (reading.get()) {
                    try {
                        client.get().uri("/api/organizations/{o}/reports/learning?size=100", organization)
                                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                                .expectBody().jsonPath("$.total").isEqualTo(29);
                        reads.incrementAndGet();
                    } catch (Throwable e) {
                        failures.add(e.toString());
                    }
                }
            });
            reader.start();
            readers.add(reader);
        }

        api.query().post().uri("/api/operations/projections/learning-report/rebuild")
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.state").isEqualTo("RUNNING");
        api.query().post().uri("/api/operations/projections/learning-report/rebuild")
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> second.get()
                .uri("/api/operations/projections/learning-report/rebuild").headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("DONE")
                .jsonPath("$.percent").isEqualTo(100.0));
        // the live processors on both instances lost their claims at the swap: they start again from the rebuild's tokens
        assertThat(query("SELECT DISTINCT owner FROM token_entry WHERE processor_name = 'learning-report'"))
                .isEqualTo(List.of(List.of("projection-rebuild-swap")));
        int readsAtSwap = reads.get();
        await().atMost(Duration.ofSeconds(60)).until(() -> reads.get() > Math.max(readsAtSwap + 10, 20));
        reading.set(false);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failures).isEmpty();
        assertThat(reads.get()).isGreaterThan(20);

        assertThat(query(TRAINEES)).isEqualTo(traineesBefore);
        assertThat(query("SELECT * FROM report_enrolment ORDER BY trainee_id, course_id")).isEqualTo(enrolmentsBefore);
        assertThat(query("SELECT erased FROM report_trainee WHERE trainee_id = '" + erased + "'"))
                .isEqualTo(List.of(List.of("t")));
        assertThat(query("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'report_%\\_shadow' OR tablename LIKE"
                + " 'report_%\\_retired'")).isEqualTo(List.of(List.of("0")));

        // the live processors carry on from the rebuild's position, on the new tables, on both instances
        UUID reactivated = deactivated;
        api.command().post().uri("/api/organizations/{o}/members/{m}/reactivation", organization, reactivated)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (WebTestClient client : List.of(api.query(), second)) {
                client.get().uri("/api/organizations/{o}/reports/learning?status=DEACTIVATED", organization)
                        .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.total").isEqualTo(0);
            }
        });
        assertThat(query("SELECT count(*) FROM token_entry WHERE processor_name = 'learning-report-rebuild'"))
                .isEqualTo(List.of(List.of("0")));
        // the two instances share the segments (two each), each claiming its own at its own claim round
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(query(
                "SELECT count(*) FROM token_entry WHERE processor_name = 'learning-report'"
                + " AND owner IS NOT NULL AND owner <> 'projection-rebuild-swap'")).isEqualTo(List.of(List.of("4"))));
    }

    @Test
    void onlyOperatorsRebuildAndOnlyKnownProjections() {
        String operator = api.operator();
        UUID organization = api.organization(operator, "Refusals Org");
        String admin = api.approvedAdmin(operator, organization, "Ron", "ron-" + UUID.randomUUID() + "@rebuild.example").token();
        api.query().post().uri("/api/operations/projections/learning-report/rebuild")
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.query().post().uri("/api/operations/projections/no-such-thing/rebuild")
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("learning-report"));
        api.query().get().uri("/api/operations/projections/learning-report/rebuild")
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isNotFound();
        api.query().get().uri("/api/operations/projections").headers(h -> h.setBearerAuth(operator)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0]").isEqualTo("learning-report");
        api.query().post().uri("/api/operations/projections/learning-report/rebuild").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void theCommandLineRebuildsWithAProgressBar() throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        int exit = RebuildCommand.run(new String[] {"learning-report"}, Map.of(
                        "LEARNING_COMMAND_URL", "http://localhost:" + api.services().commandSidePort(),
                        "LEARNING_QUERY_URL", "http://localhost:" + api.services().querySidePort(),
                        "LEARNING_OPERATOR_EMAIL", LocalApi.OPERATOR_EMAIL,
                        "LEARNING_OPERATOR_PASSWORD", LocalApi.OPERATOR_PASSWORD),
                java.nio.file.Path.of("target/rebuild-secrets"), new java.io.PrintStream(printed, true));
        assertThat(exit).isZero();
        assertThat(printed.toString()).contains("learning-report [" + "#".repeat(40) + "] 100.0%")
                .contains("rebuilt and swapped in");
        assertThat(RebuildCommand.run(new String[0], Map.of(), java.nio.file.Path.of("target"),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()))).isEqualTo(2);
    }

    private static final String TRAINEES = "SELECT * FROM report_trainee ORDER BY trainee_id";

    private List<List<String>> query(String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
