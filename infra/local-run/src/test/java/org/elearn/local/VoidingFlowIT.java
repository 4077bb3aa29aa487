package org.elearn.local;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * xAPI voiding end to end, both services on one PostgreSQL: a trainee's completion counts in the
 * learning report and their own figures, a voiding statement takes it back from both, and the
 * certificate the completion issued stays (voiding does not revoke a certificate).
 */
@ExtendWith(SharedServices.class)
class VoidingFlowIT {

    private static final String ADL = "http://adlnet.gov/expapi/verbs/";
    private static final String HOME_PAGE = "https://elearn.example";

    private static LocalApi api;

    @BeforeAll
    static void start(LocalApi shared) {
        api = shared;
    }

    @Test
    void aVoidedCompletionLeavesTheLearningReportAndTheTraineesFigures() {
        String operator = api.operator();
        LocalApi.TrainingOrganization org = api.organizationWithTrainees(operator, "Void Training", "Vera",
                "void.example", List.of());
        String instructor = api.joined(operator, org.admin(), org.id(), org.email("ian"), "INSTRUCTOR");
        String trainee = api.joined(operator, org.admin(), org.id(), org.email("tia"), "TRAINEE");
        UUID traineeId = LocalApi.subjectOf(trainee);
        UUID video = UUID.randomUUID();
        String courseId = api.command().post().uri("/api/organizations/{o}/courses", org.id())
                .headers(h -> h.setBearerAuth(instructor)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Voided Safety", "language", "en", "sections", List.of(Map.of("title", "All",
                        "lessons", List.of(Map.of("lessonId", video, "title", "Watch", "kind", "VIDEO",
                                "contentUri", "https://v.example/void", "durationMinutes", 5))))))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("courseId").toString();
        api.command().post().uri("/api/organizations/{o}/courses/{c}/publication", org.id(), courseId)
                .headers(h -> h.setBearerAuth(instructor)).exchange().expectStatus().isNoContent();
        api.command().post().uri("/api/organizations/{o}/courses/{c}/subscription", org.id(), courseId)
                .headers(h -> h.setBearerAuth(trainee)).exchange().expectStatus().isNoContent();

        String completionId = UUID.randomUUID().toString();
        api.ingest(org.credential(), List.of(statement(traineeId, completionId, "completed",
                Map.of("id", "https://lms.void.example/courses/" + courseId + "/lessons/" + video),
                Map.of("duration", "PT10M"))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> report(org)
                .jsonPath("$.items[0].coursesCompleted").isEqualTo(1)
                .jsonPath("$.items[0].learningSeconds").isEqualTo(600));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> myLearning(trainee)
                .jsonPath("$.learningSeconds").isEqualTo(600).jsonPath("$.statements").isEqualTo(1));

        String voidingId = UUID.randomUUID().toString();
        api.ingest(org.credential(), List.of(statement(traineeId, voidingId, "voided",
                Map.of("objectType", "StatementRef", "id", completionId), null)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> report(org)
                .jsonPath("$.items[0].name").isEqualTo("TRAINEE Person")
                .jsonPath("$.items[0].coursesCompleted").isEqualTo(0)
                .jsonPath("$.items[0].learningSeconds").isEqualTo(0));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> myLearning(trainee)
                .jsonPath("$.learningSeconds").isEqualTo(0).jsonPath("$.statements").isEqualTo(0));
        // the certificate issued on completion stays: revoking one is an act of its own
        api.query().get().uri("/api/me/enrolments").headers(h -> h.setBearerAuth(trainee)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].certificateCode").isNotEmpty();

        // a voiding statement cannot be voided
        api.command().post().uri("/xapi/statements").headers(h -> {
                    h.setBasicAuth(org.credential().key(), org.credential().secret());
                    h.set("X-Experience-API-Version", "1.0.3");
                }).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(statement(traineeId, UUID.randomUUID().toString(), "voided",
                        Map.of("objectType", "StatementRef", "id", voidingId), null))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:voiding-targets-voiding");
    }

    private static WebTestClient.BodyContentSpec report(LocalApi.TrainingOrganization org) {
        return api.query().get().uri("/api/organizations/{o}/reports/learning", org.id())
                .headers(h -> h.setBearerAuth(org.admin())).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1);
    }

    private static WebTestClient.BodyContentSpec myLearning(String trainee) {
        return api.query().get().uri("/api/me/learning").headers(h -> h.setBearerAuth(trainee)).exchange()
                .expectStatus().isOk().expectBody();
    }

    private static Map<String, Object> statement(UUID trainee, String id, String verb, Map<String, Object> object,
                                                 Map<String, Object> result) {
        Map<String, Object> statement = new java.util.LinkedHashMap<>();
        statement.put("id", id);
        statement.put("actor", Map.of("objectType", "Agent",
                "account", Map.of("homePage", HOME_PAGE, "name", trainee.toString())));
        statement.put("verb", Map.of("id", ADL + verb));
        statement.put("object", object);
        if (result != null) {
            statement.put("result", result);
        }
        return statement;
    }
}
