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
import java.util.Map;
import java.util.UUID;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A PostgreSQL restart as both services see it: while the server is down, ingestion and a query-side
 * read answer 503 {@code database-unavailable} with {@code Retry-After}, and both sides' readiness is
 * DOWN; once it is back, both recover without help. The server is this test's own embedded
 * PostgreSQL, stopped and started again on the same port and data, so no other test loses its
 * database.
 */
class DatabaseOutageTest {

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
    void outageAnswers503AndReadinessIsDownUntilTheDatabaseIsBack() throws Exception {
        pg = start(0);
        int port = pg.getPort();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE outage");
        }
        // a readiness probe must answer within its own timeout, not Hikari's default 30 s
        try (LocalApi api = LocalApi.withSettings(
                new TestDatabases.TestDatabase("localhost", port, "outage", "postgres", "postgres"),
                "target/outage-secrets", Map.of("spring.datasource.hikari.connection-timeout", "2000"))) {
            String operator = api.operator();
            UUID organization = api.organization(operator, "Outage Org");
            String admin = api.approvedAdmin(operator, organization, "Ola", "ola@outage.example").token();
            LocalApi.XapiCredential credential = api.xapiCredential(admin, organization);
            api.command().post().uri("/api/organizations/{id}/member-imports", organization)
                    .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.parseMediaType("text/csv"))
                    .bodyValue("name,phone,email,department\r\nTia,,tia@outage.example,Sales\r\n")
                    .exchange().expectStatus().isOk();
            api.ingest(credential, LocalApi.experienced("tia@outage.example", "PT1H"));
            report(api, admin, organization).expectStatus().isOk();

            pg.close();
            pg = null;
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                databaseUnavailable(ingest(api, credential));
                databaseUnavailable(report(api, admin, organization));
                readiness(api.command()).expectStatus().isEqualTo(503);
                readiness(api.query()).expectStatus().isEqualTo(503);
            });

            pg = start(port);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                readiness(api.command()).expectStatus().isOk();
                readiness(api.query()).expectStatus().isOk();
                ingest(api, credential).expectStatus().isOk();
                report(api, admin, organization).expectStatus().isOk();
            });
        }
    }

    private EmbeddedPostgres start(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).setPort(port).start();
    }

    private static void databaseUnavailable(WebTestClient.ResponseSpec response) {
        response.expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:database-unavailable");
    }

    private static WebTestClient.ResponseSpec ingest(LocalApi api, LocalApi.XapiCredential credential) {
        return api.command().post().uri("/xapi/statements").headers(h -> {
                    h.setBasicAuth(credential.key(), credential.secret());
                    h.set("X-Experience-API-Version", "1.0.3");
                }).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LocalApi.experienced("tia@outage.example", "PT1M")).exchange();
    }

    private static WebTestClient.ResponseSpec report(LocalApi api, String admin, UUID organization) {
        return api.query().get().uri("/api/organizations/{o}/reports/learning", organization)
                .headers(h -> h.setBearerAuth(admin)).exchange();
    }

    private static WebTestClient.ResponseSpec readiness(WebTestClient side) {
        return side.get().uri("/actuator/health/readiness").exchange();
    }
}
