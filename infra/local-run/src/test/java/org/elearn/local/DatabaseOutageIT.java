package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.xapi.statements.IngestionGate;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A PostgreSQL restart as both services see it, with their default pool settings: while the server
 * is down, ingestion, login and a query-side read answer 503 {@code database-unavailable} with
 * {@code Retry-After} within seconds (not after Hikari's default 30 s), ingestion slots come back at
 * once, and both sides' readiness answers DOWN within a probe's timeout; once the server is back,
 * both recover without help. The server is this test's own embedded PostgreSQL, stopped and started
 * again on the same port and data, so no other test loses its database.
 */
class DatabaseOutageIT {

    /** What a client (and this test) waits for a refusal: the 2 s acquire timeout and some load. */
    private static final Duration REQUEST_BOUND = Duration.ofSeconds(6);
    /** What a readiness probe waits: the 1 s health timeout and some load. */
    private static final Duration PROBE_BOUND = Duration.ofSeconds(2);

    private final Path data = Path.of("target", "outage-pg-" + UUID.randomUUID());
    private EmbeddedPostgres pg;

    @AfterEach
    void stop() throws IOException {
        if (pg != null) {
            pg.close();
        }
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    @Test
    void outageAnswers503FastAndReadinessIsDownUntilTheDatabaseIsBack() throws Exception {
        pg = start(0);
        int port = pg.getPort();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE outage");
        }
        try (LocalApi api = LocalApi.withSettings(
                new TestDatabases.TestDatabase("localhost", port, "outage", "postgres", "postgres"),
                "target/outage-secrets", Map.of())) {
            String operator = api.operator();
            LocalApi.TrainingOrganization org = api.organizationWithTrainees(operator, "Outage Org", "Ola",
                    "outage.example", List.of(new LocalApi.Trainee("Tia", "tia", "Sales")));
            UUID organization = org.id();
            String admin = org.admin();
            LocalApi.XapiCredential credential = org.credential();
            String tia = org.email("tia");
            api.ingest(credential, LocalApi.experienced(tia, "PT1H"));
            report(api.query(), admin, organization).expectStatus().isOk();
            WebTestClient command = bounded(api.command(), REQUEST_BOUND);
            WebTestClient query = bounded(api.query(), REQUEST_BOUND);

            pg.close();
            pg = null;
            // each answer within its client's bound: a hang until the pools give up fails here
            databaseUnavailable(ingest(command, credential, tia));
            databaseUnavailable(login(command));
            databaseUnavailable(report(query, admin, organization));
            readiness(bounded(api.command(), PROBE_BOUND)).expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.status").isEqualTo("DOWN");
            readiness(bounded(api.query(), PROBE_BOUND)).expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.status").isEqualTo("DOWN");
            // the refused batch gave its ingestion slot back: every slot is free again
            IngestionGate gate = api.services().commandSide().getBean(IngestionGate.class);
            int free = gate.drain();
            gate.release(free);
            assertThat(free).isEqualTo(8);

            pg = start(port);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                ingest(command, credential, tia).expectStatus().isOk();
                login(command).expectStatus().isOk();
                report(query, admin, organization).expectStatus().isOk();
            });
            // readiness follows the processors, which Axon retries with a back-off doubling up to
            // 60 s (docs/operations.md); on a loaded machine their catch-up comes on top of that
            await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
                readiness(api.command()).expectStatus().isOk();
                readiness(api.query()).expectStatus().isOk();
            });
        }
    }

    private EmbeddedPostgres start(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).setPort(port).start();
    }

    private static WebTestClient bounded(WebTestClient client, Duration bound) {
        return client.mutate().responseTimeout(bound).build();
    }

    private static void databaseUnavailable(WebTestClient.ResponseSpec response) {
        response.expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:database-unavailable");
    }

    private static WebTestClient.ResponseSpec ingest(WebTestClient command, LocalApi.XapiCredential credential,
                                                     String trainee) {
        return command.post().uri("/xapi/statements").headers(h -> {
                    h.setBasicAuth(credential.key(), credential.secret());
                    h.set("X-Experience-API-Version", "1.0.3");
                }).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LocalApi.experienced(trainee, "PT1M")).exchange();
    }

    private static WebTestClient.ResponseSpec login(WebTestClient command) {
        return command.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", LocalApi.OPERATOR_EMAIL, "password", LocalApi.OPERATOR_PASSWORD)).exchange();
    }

    private static WebTestClient.ResponseSpec report(WebTestClient query, String admin, UUID organization) {
        return query.get().uri("/api/organizations/{o}/reports/learning", organization)
                .headers(h -> h.setBearerAuth(admin)).exchange();
    }

    private static WebTestClient.ResponseSpec readiness(WebTestClient side) {
        return side.get().uri("/actuator/health/readiness").exchange();
    }
}
