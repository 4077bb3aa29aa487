package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

/**
 * Restriction of processing and objection to analytics, over HTTP on a real PostgreSQL: a
 * restricted trainee's statements are refused and they vanish from the report, its stream, its
 * export and the aggregates, but not from the operators' legal-hold view; an objecting trainee
 * keeps their row but leaves the aggregates; both are lifted; bad input and strangers are refused.
 */
@ExtendWith(SharedServices.class)
class ProcessingLimitsIT {

    private final LocalApi api;

    ProcessingLimitsIT(LocalApi shared) {
        this.api = shared;
    }

    @Test
    void restrictionAndObjectionAreHonouredEverywhere() {
        String operator = api.operator();
        LocalApi.TrainingOrganization org = api.organizationWithTrainees(operator, "Limits Org", "Lia",
                "limits.example", LocalApi.ANN_BEN_CID);
        UUID organization = org.id();
        String admin = org.admin();
        LocalApi.XapiCredential credential = org.credential();
        api.ingest(credential, List.of(LocalApi.experienced(org.email("ann"), "PT1H"),
                LocalApi.experienced(org.email("ben"), "PT2H"), LocalApi.experienced(org.email("cid"), "PT3H")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(hours(admin, organization)).isEqualTo(Map.of("Sales", 3.0, "Ops", 3.0)));
        UUID ann = api.memberId(admin, organization, "Ann");
        UUID ben = api.memberId(admin, organization, "Ben");

        // restriction: refused activity, gone from named reports, streams, exports and aggregates
        limit(admin, "POST", ann, "restriction").expectStatus().isNoContent();
        limit(admin, "POST", ann, "restriction").expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:already-restricted");
        api.command().post().uri("/xapi/statements").headers(h -> {
                    h.setBasicAuth(credential.key(), credential.secret());
                    h.set("X-Experience-API-Version", "1.0.3");
                }).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(List.of(LocalApi.experienced(org.email("ben"), "PT5H"), LocalApi.experienced(org.email("ann"), "PT5H")))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:processing-restricted").jsonPath("$.statement").isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(names(admin, organization)).containsExactly("Ben", "Cid");
            assertThat(hours(admin, organization)).isEqualTo(Map.of("Sales", 2.0, "Ops", 3.0));
        });
        String csv = api.query().get().uri("/api/organizations/{o}/reports/learning/export?format=csv", organization)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).contains(org.email("ben")).doesNotContain(org.email("ann"));
        List<ServerSentEvent<Map<String, Object>>> snapshot = api.query().get()
                .uri("/api/organizations/{o}/reports/learning/stream", organization).accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .getResponseBody().takeUntil(event -> "snapshot-complete".equals(event.event()))
                .collectList().block(Duration.ofSeconds(60));
        assertThat(snapshot).filteredOn(event -> "row".equals(event.event()))
                .extracting(event -> event.data().get("name")).containsExactlyInAnyOrder("Ben", "Cid");
        List<Map<String, Object>> held = api.query().get().uri("/api/operations/legal-hold")
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isOk()
                .expectBodyList(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        // the list spans every organization: this one's rows are Ann's alone
        assertThat(held).filteredOn(row -> organization.toString().equals(row.get("organizationId")))
                .singleElement().satisfies(row ->
                        assertThat(row).containsEntry("name", "Ann").containsEntry("learningSeconds", 3600));
        api.query().get().uri("/api/operations/legal-hold").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isForbidden();

        // tracked as a rights request, and in the personal-data export
        api.command().get().uri("/api/organizations/{o}/rights-requests", organization)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.kind == 'RESTRICTION')].subjectId").isEqualTo(ann.toString())
                .jsonPath("$[?(@.kind == 'RESTRICTION')].state").isEqualTo("COMPLETED")
                .jsonPath("$[?(@.kind == 'RESTRICTION')].handledBy").isEqualTo(LocalApi.subjectOf(admin).toString());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                .uri("/api/users/{u}/personal-data", ann).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.categories.consent.events[?(@.type == 'ProcessingRestricted')].data.subjectId").isEqualTo(ann.toString()));
        api.command().get().uri("/api/operations/rights-requests/overdue").headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        api.command().get().uri("/api/operations/rights-requests/overdue").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isForbidden();

        limit(admin, "DELETE", ann, "restriction").expectStatus().isNoContent();
        limit(admin, "DELETE", ann, "restriction").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:not-restricted");
        api.ingest(credential, LocalApi.experienced(org.email("ann"), "PT1H"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(names(admin, organization)).containsExactly("Ann", "Ben", "Cid");
            assertThat(hours(admin, organization)).isEqualTo(Map.of("Sales", 4.0, "Ops", 3.0));
        });

        // objection: the row stays, the aggregates leave the trainee out
        limit(admin, "POST", ben, "objection").expectStatus().isNoContent();
        limit(admin, "POST", ben, "objection").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:already-objected");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(hours(admin, organization)).isEqualTo(Map.of("Sales", 2.0, "Ops", 3.0));
            assertThat(names(admin, organization)).containsExactly("Ann", "Ben", "Cid");
            assertThat(figures(admin, organization).get("activeTrainees7Days")).isEqualTo(2);
        });
        limit(admin, "DELETE", ben, "objection").expectStatus().isNoContent();
        limit(admin, "DELETE", ben, "objection").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:not-objected");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(hours(admin, organization)).isEqualTo(Map.of("Sales", 4.0, "Ops", 3.0)));

        // who may: the user themself, their administrator, an operator; no one else
        String tom = api.joined(operator, admin, organization, org.email("tom"), "TRAINEE");
        UUID tomId = LocalApi.subjectOf(tom);
        limit(tom, "POST", ann, "restriction").expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        limit(tom, "POST", tomId, "objection").expectStatus().isNoContent();
        limit(operator, "DELETE", tomId, "objection").expectStatus().isNoContent();
        UUID other = api.organization(operator, "Other Limits Org");
        String stranger = api.approvedAdmin(operator, other, "Sam", org.email("sam")).token();
        limit(stranger, "POST", ann, "restriction").expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        limit(admin, "POST", UUID.randomUUID(), "restriction").expectStatus().isNotFound();
        api.command().post().uri("/api/users/{u}/restriction", ann).exchange().expectStatus().isUnauthorized();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec limit(String token, String method,
                                                                                         UUID user, String what) {
        return api.command().method(org.springframework.http.HttpMethod.valueOf(method))
                .uri("/api/users/{u}/" + what, user).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private List<Object> names(String admin, UUID organization) {
        Map<?, ?> page = api.query().get().uri("/api/organizations/{o}/reports/learning", organization)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<?, ?>>) page.get("items")).stream().map(row -> (Object) row.get("name")).toList();
    }

    private Map<?, ?> figures(String admin, UUID organization) {
        return api.query().get().uri("/api/organizations/{o}/reports/organization", organization)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private Map<Object, Object> hours(String admin, UUID organization) {
        Map<Object, Object> hours = new java.util.TreeMap<>();
        ((List<Map<?, ?>>) figures(admin, organization).get("learningHoursByDepartment"))
                .forEach(row -> hours.put(row.get("department"), ((Number) row.get("learningHours")).doubleValue()));
        return hours;
    }
}
