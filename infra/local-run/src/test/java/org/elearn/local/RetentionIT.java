package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.elearn.testsupport.MovableClock;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Retention policies over HTTP with two command-side instances on one PostgreSQL and a clock the
 * test moves forward: the dry run names who is due and why, a run started on both instances at once
 * erases each due member exactly once and records the policy, activity postpones the inactivity
 * rule, and bad policies are refused.
 */
class RetentionIT {

    private final TestDatabases.TestDatabase db = TestDatabases.create();
    private final MovableClock clock = new MovableClock();
    private final LocalApi api = new LocalApi(db, "target/retention-secrets", clock);

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void policiesEraseDueMembersExactlyOnceAcrossInstances() throws Exception {
        // a second instance on the same clock, as two machines would share the time of day
        ConfigurableApplicationContext second = api.anotherCommandSide();
        WebTestClient secondClient = LocalApi.client(LocalApi.port(second));
        String operator = api.operator();
        LocalApi.TrainingOrganization org = api.organizationWithTrainees(operator, "Retention Org", "Rae",
                "keep.example", LocalApi.ANN_BEN_CID);
        UUID organization = org.id();
        String admin = org.admin();
        LocalApi.XapiCredential credential = org.credential();
        String tom = api.joined(operator, admin, organization, org.email("tom"), "TRAINEE");
        UUID ann = api.memberId(admin, organization, "Ann");
        UUID ben = api.memberId(admin, organization, "Ben");
        UUID cid = api.memberId(admin, organization, "Cid");
        UUID tomId = LocalApi.subjectOf(tom);
        api.command().post().uri("/api/organizations/{o}/members/{m}/deactivation", organization, ann)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().is2xxSuccessful();
        api.ingest(credential, LocalApi.experienced(org.email("cid"), "PT10M"));

        // bad policies and strangers change nothing
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("afterDeactivationDays", -1),
                Map.<String, Object>of("afterInactivityDays", 0), Map.<String, Object>of("afterDeactivationDays", 99_999),
                Map.<String, Object>of(), Map.<String, Object>of("afterInactivityDays", "a year"))) {
            policy(admin, organization, bad).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        policy(tom, organization, Map.of("afterInactivityDays", 1)).expectStatus().isForbidden();
        UUID other = api.organization(operator, "Other Retention Org");
        String stranger = api.approvedAdmin(operator, other, "Sid", org.email("sid")).token();
        policy(stranger, organization, Map.of("afterInactivityDays", 1)).expectStatus().isNotFound();
        api.command().get().uri("/api/organizations/{o}/retention-policy", organization)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNotFound();

        policy(admin, organization, Map.of("afterDeactivationDays", 30, "afterInactivityDays", 365))
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sql(
                "SELECT count(*) FROM retention_member WHERE deactivated_at IS NOT NULL")).isEqualTo("1"));
        assertThat(dryRun(admin, organization)).isEmpty();

        clock.advance(Duration.ofDays(31));
        assertThat(dryRun(admin, organization)).singleElement().satisfies(due -> {
            assertThat(due).containsEntry("memberId", ann.toString()).containsEntry("rule", "AFTER_DEACTIVATION")
                    .containsEntry("periodDays", 30).containsEntry("policyVersion", 1);
        });
        clock.advance(Duration.ofDays(200));
        api.ingest(credential, LocalApi.experienced(org.email("cid"), "PT10M"));
        clock.advance(Duration.ofDays(200));
        // the dry run reads the retention facts, which follow Cid's new statement a moment later
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(dryRun(admin, organization))
                .extracting(due -> due.get("memberId") + " " + due.get("rule"))
                .containsExactlyInAnyOrder(ann + " AFTER_DEACTIVATION", ben + " AFTER_INACTIVITY",
                        tomId + " AFTER_INACTIVITY"));

        // the job started on both instances at once: one runs, each due member is erased once
        CompletableFuture<Map<Object, Object>> first = CompletableFuture.supplyAsync(() -> runJob(api.command(), operator));
        CompletableFuture<Map<Object, Object>> other2 = CompletableFuture.supplyAsync(() -> runJob(secondClient, operator));
        List<Map<Object, Object>> runs = List.of(first.get(), other2.get());
        assertThat(runs.stream().mapToInt(run -> (Integer) run.get("erased")).sum()).isEqualTo(3);
        assertThat(runJob(api.command(), operator)).containsEntry("ran", true).containsEntry("erased", 0);
        assertThat(sql("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%MemberErasedByRetention'"))
                .isEqualTo("3");
        assertThat(sql("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.UserErased'"
                + " AND convert_from(payload, 'UTF8') LIKE '%" + ben + "%'")).isEqualTo("1");
        assertThat(sql("SELECT count(*) FROM data_subject_erasure WHERE subject_id IN ('" + ann + "', '" + ben + "', '"
                + tomId + "', '" + cid + "')")).isEqualTo("3");
        assertThat(dryRun(admin, organization)).isEmpty();
        api.command().get().uri("/api/me").headers(h -> h.setBearerAuth(tom)).exchange().expectStatus().isUnauthorized();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(api.query().get()
                .uri("/api/organizations/{o}/members?size=100", organization).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .contains("Cid").doesNotContain("Ann").doesNotContain("Ben"));
        api.command().post().uri("/api/operations/retention/runs").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isForbidden();
    }

    private WebTestClient.ResponseSpec policy(String token, UUID organization, Map<String, Object> body) {
        return api.command().put().uri("/api/organizations/{o}/retention-policy", organization)
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private List<Map<Object, Object>> dryRun(String admin, UUID organization) {
        Map<?, ?> body = api.command().get().uri("/api/organizations/{o}/retention-policy/dry-run", organization)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<Object, Object>>) body.get("wouldErase");
    }

    private static Map<Object, Object> runJob(WebTestClient client, String operator) {
        return client.post().uri("/api/operations/retention/runs").headers(h -> h.setBearerAuth(operator)).exchange()
                .expectStatus().isOk().expectBody(new org.springframework.core.ParameterizedTypeReference<
                        Map<Object, Object>>() { }).returnResult().getResponseBody();
    }

    private String sql(String query) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
