package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;

/**
 * The learning report as of a past instant, replayed from the history over HTTP: figures and
 * statuses are those of that instant, the present matches the live report, erased trainees stay
 * out, and bad input is refused.
 */
@ExtendWith(SharedServices.class)
class PointInTimeReportIT {

    private final LocalApi api;

    PointInTimeReportIT(LocalApi shared) {
        this.api = shared;
    }

    @Test
    void theReportAsItWasThen() {
        String operator = api.operator();
        LocalApi.TrainingOrganization org = api.organizationWithTrainees(operator, "As-of Org", "Asa", "asof.example",
                LocalApi.ANN_BEN_CID);
        UUID organization = org.id();
        String admin = org.admin();
        learned(org, "ann", "PT10M");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(seconds(report(admin, organization, "")))
                .containsEntry("Ann", 600));
        Instant then = Instant.now();
        await().atMost(Duration.ofSeconds(60)).until(() -> Instant.now().isAfter(then.plusMillis(20)));

        learned(org, "ann", "PT5M");
        learned(org, "ben", "PT30M");
        UUID ben = member(admin, organization, "Ben");
        api.command().post().uri("/api/organizations/{o}/members/{m}/deactivation", organization, ben)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().is2xxSuccessful();
        UUID cid = member(admin, organization, "Cid");
        api.command().post().uri("/api/users/{id}/erasure", cid).headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(seconds(report(admin, organization, "")))
                .isEqualTo(Map.of("Ann", 900, "Ben", 1800)));

        Map<?, ?> past = report(admin, organization, "/as-of?at=" + then);
        assertThat(seconds(past)).isEqualTo(Map.of("Ann", 600, "Ben", 0));
        assertThat(past.get("asOf")).isEqualTo(then.toString());
        assertThat((Integer) past.get("eventsReplayed")).isGreaterThanOrEqualTo(4);
        assertThat(statuses(past)).containsEntry("Ben", "ACTIVE");
        assertThat(report(admin, organization, "/as-of?at=" + then + "&department=Ops").get("total")).isEqualTo(0);

        Map<?, ?> present = report(admin, organization, "/as-of?at=" + Instant.now());
        assertThat(seconds(present)).isEqualTo(seconds(report(admin, organization, "")));
        assertThat(statuses(present)).containsEntry("Ben", "DEACTIVATED");
        assertThat(present.toString()).doesNotContain(org.email("cid"));

        for (String bad : List.of("", "?at=yesterday", "?at=" + Instant.now().plusSeconds(3600), "?at=" + then
                + "&size=501", "?at=" + then + "&status=ASLEEP")) {
            api.query().get().uri("/api/organizations/{o}/reports/learning/as-of" + bad, organization)
                    .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        UUID other = api.organization(operator, "Other As-of Org");
        api.query().get().uri("/api/organizations/{o}/reports/learning/as-of?at=" + then, other)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private void learned(LocalApi.TrainingOrganization org, String who, String duration) {
        api.ingest(org.credential(), LocalApi.experienced(org.email(who), duration));
    }

    private Map<?, ?> report(String admin, UUID organization, String path) {
        return api.query().get().uri("/api/organizations/{o}/reports/learning" + path, organization)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private static Map<Object, Object> seconds(Map<?, ?> report) {
        return column(report, "learningSeconds");
    }

    private static Map<Object, Object> statuses(Map<?, ?> report) {
        return column(report, "status");
    }

    private static Map<Object, Object> column(Map<?, ?> report, String column) {
        Map<Object, Object> values = new java.util.TreeMap<>();
        ((List<Map<?, ?>>) report.get("items")).forEach(row -> values.put(row.get("name"), row.get(column)));
        return values;
    }

    private UUID member(String admin, UUID organization, String name) {
        return api.memberId(admin, organization, name);
    }
}
