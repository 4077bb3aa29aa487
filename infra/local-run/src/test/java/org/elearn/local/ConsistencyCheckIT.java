package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The operators' consistency check: the projections' totals per organization against the same
 * totals replayed from the event store. Consistent after ingestion; a row changed behind the
 * projection's back is named, with its organization, total and drift, and the other organization
 * stays clean.
 */
@SuppressWarnings("unchecked")
class ConsistencyCheckIT {

    private final TestDatabases.TestDatabase db = TestDatabases.create();
    private final LocalApi api = start(db);

    /**
     * Both services on this database, in the separate processor layout; {@code MergedConsistencyCheckIT}
     * starts them in the merged (default) layout.
     */
    LocalApi start(TestDatabases.TestDatabase database) {
        return LocalApi.withSettings(database, "target/consistency-secrets", MergedProcessorsIT.SEPARATE);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void consistentAfterIngestionAndNamesDriftWhenARowIsChanged() throws Exception {
        String operator = api.operator();
        LocalApi.TrainingOrganization acmeOrg = organizationWithLearning(operator, "Consistent Acme", "Ace", 4);
        UUID acme = acmeOrg.id();
        UUID globex = organizationWithLearning(operator, "Consistent Globex", "Gil", 2).id();
        String acmeAdmin = acmeOrg.admin();
        long acmeStatements = 4 * 3;
        long acmeMillis = 4 * (1 + 2 + 3) * 60_000L;

        Map<?, ?> consistent = await().atMost(Duration.ofSeconds(60))
                .until(() -> check(operator, null), body -> "CONSISTENT".equals(body.get("status")));
        assertThat((List<?>) consistent.get("drifts")).isEmpty();
        assertThat(figures(consistent, "learning-activity", acme, "statements"))
                .containsEntry("expected", (int) acmeStatements).containsEntry("actual", (int) acmeStatements)
                .containsEntry("drift", 0);
        assertThat(figures(consistent, "learning-report", acme, "learningMillis"))
                .containsEntry("expected", (int) acmeMillis).containsEntry("actual", (int) acmeMillis);
        assertThat(figures(consistent, "learning-report", acme, "trainees")).containsEntry("actual", 4);

        // a crash that applied one batch twice would leave exactly this: a trainee's time and a member's count doubled
        UUID trainee = api.memberId(acmeAdmin, acme, "Trainee 1");
        update("UPDATE report_trainee SET learning_millis = learning_millis * 2 WHERE trainee_id = ?", trainee);
        update("UPDATE learning_activity SET statements = statements + 3 WHERE trainee_id = ?", trainee);

        Map<?, ?> drift = check(operator, null);
        assertThat(drift.get("status")).isEqualTo("DRIFT");
        assertThat((List<Object>) drift.get("drifts")).containsExactlyInAnyOrder(
                Map.of("projection", "learning-report", "organizationId", acme.toString(), "total", "learningMillis",
                        "expected", (int) acmeMillis, "actual", (int) acmeMillis + 6 * 60_000, "drift", 6 * 60_000),
                Map.of("projection", "learning-activity", "organizationId", acme.toString(), "total", "statements",
                        "expected", (int) acmeStatements, "actual", (int) acmeStatements + 3, "drift", 3));
        assertThat(figures(drift, "learning-report", globex, "learningMillis")).containsEntry("drift", 0);

        // one organization alone: only its rows, and the other one's are not read
        Map<?, ?> globexOnly = check(operator, globex);
        assertThat(globexOnly.get("status")).isEqualTo("CONSISTENT");
        assertThat(organizations(globexOnly, "learning-report")).containsExactly(globex.toString());

        api.query().get().uri("/api/operations/consistency").headers(h -> h.setBearerAuth(acmeAdmin))
                .exchange().expectStatus().isForbidden();
        api.query().get().uri("/api/operations/consistency?organization=acme").headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** An organization with {@code trainees} imported trainees and 1 + 2 + 3 minutes of learning each. */
    private LocalApi.TrainingOrganization organizationWithLearning(String operator, String name, String adminName,
                                                                   int trainees) {
        LocalApi.TrainingOrganization organization = api.organizationWithTrainees(operator, name, adminName,
                "consistency.example", LocalApi.numberedTrainees(trainees, 1));
        List<Map<String, Object>> statements = new ArrayList<>();
        for (int i = 0; i < trainees; i++) {
            for (int minutes = 1; minutes <= 3; minutes++) {
                statements.add(LocalApi.experienced(organization.email("t" + i), "PT" + minutes + "M"));
            }
        }
        api.ingest(organization.credential(), statements);
        return organization;
    }

    private Map<?, ?> check(String operator, UUID organization) {
        return api.query().get().uri(organization == null ? "/api/operations/consistency"
                        : "/api/operations/consistency?organization=" + organization)
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> figures(Map<?, ?> body, String projection, UUID organization, String total) {
        return (Map<String, Object>) ((Map<?, ?>) organization(body, projection, organization).get("totals")).get(total);
    }

    private static Map<?, ?> organization(Map<?, ?> body, String projection, UUID organization) {
        return organizationsOf(body, projection).stream()
                .filter(o -> organization.toString().equals(o.get("organizationId"))).findFirst().orElseThrow();
    }

    private static List<String> organizations(Map<?, ?> body, String projection) {
        return organizationsOf(body, projection).stream().map(o -> o.get("organizationId").toString()).toList();
    }

    private static List<Map<?, ?>> organizationsOf(Map<?, ?> body, String projection) {
        return ((List<Map<?, ?>>) body.get("projections")).stream()
                .filter(p -> projection.equals(p.get("projection")))
                .map(p -> (List<Map<?, ?>>) p.get("organizations")).findFirst().orElseThrow();
    }

    private void update(String sql, UUID trainee) throws Exception {
        try (Connection connection = db.connect(); PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, trainee);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
