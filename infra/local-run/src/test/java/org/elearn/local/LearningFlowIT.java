package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The learning path end to end over HTTP, both services on one PostgreSQL: a course authored and
 * published, a trainee enrolled, activity ingested as xAPI statements, an exam failed then passed,
 * the course completed, the certificate issued and checked publicly, and after the trainee's
 * erasure the certificate showing "[erased]".
 */
@ExtendWith(SharedServices.class)
class LearningFlowIT {

    private static final String ADL = "http://adlnet.gov/expapi/verbs/";
    private static final String HOME_PAGE = "https://elearn.example";

    /** The shared services: each test works in organizations of its own. */
    private static LocalApi api;

    @BeforeAll
    static void start(LocalApi shared) {
        api = shared;
    }

    @Test
    void aTraineeLearnsPassesTheExamAndGetsACertificateThatOutlivesThemOnlyAsErased() {
        Cast cast = cast();
        UUID acme = cast.organization();
        LocalApi.Admin alice = cast.alice();
        String tag = cast.tag();
        String instructor = cast.instructor();
        String trainee = cast.trainee();
        UUID traineeId = LocalApi.subjectOf(trainee);

        UUID video = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        UUID exam = UUID.randomUUID();
        UUID extra = UUID.randomUUID();
        Map<String, Object> course = Map.of("title", "Forklift Safety", "language", "en", "sections", List.of(
                Map.of("title", "Basics", "lessons", List.of(
                        Map.of("lessonId", video, "title", "Welcome", "kind", "VIDEO",
                                "contentUri", "https://v.example/1", "durationMinutes", 5),
                        Map.of("lessonId", assignment, "title", "Checklist", "kind", "ASSIGNMENT"),
                        Map.of("lessonId", extra, "title", "Extra reading", "kind", "COURSEWARE",
                                "contentUri", "https://v.example/2", "durationMinutes", 5, "required", false),
                        Map.of("lessonId", exam, "title", "Final exam", "kind", "EXAM", "passingScore", 80)))));
        String courseId = publishedAndSubscribed(cast, course);

        Map<?, ?> credential = api.command().post().uri("/api/organizations/{o}/xapi-credentials", acme)
                .headers(h -> h.setBearerAuth(alice.token())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "Acme LMS", "refusesUnknownActors", true)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String key = credential.get("key").toString();
        String secret = credential.get("secret").toString();

        String activity = "https://lms.acme.example/courses/" + courseId;
        ingest(key, secret, List.of(
                statement(traineeId, "initialized", activity, null),
                statement(traineeId, "completed", activity + "/lessons/" + video, Map.of("duration", "PT10M")),
                statement(traineeId, "completed", activity + "/lessons/" + assignment,
                        Map.of("duration", "PT20M", "response", "Check the forks, the mast and the brakes.")),
                statement(traineeId, "failed", activity + "/lessons/" + exam,
                        Map.of("duration", "PT15M", "score", Map.of("scaled", 0.55)))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> myEnrolment(trainee)
                .jsonPath("$[0].startedAt").isNotEmpty()
                .jsonPath("$[0].lessonsDone").isEqualTo(2)
                .jsonPath("$[0].completedAt").doesNotExist());

        ingest(key, secret, List.of(statement(traineeId, "passed", activity + "/lessons/" + exam,
                Map.of("duration", "PT15M", "score", Map.of("raw", 45, "min", 0, "max", 50), "success", true))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> myEnrolment(trainee)
                .jsonPath("$[0].lessonsDone").isEqualTo(3)
                .jsonPath("$[0].completedAt").isNotEmpty()
                .jsonPath("$[0].certificateCode").isNotEmpty());
        String code = com.jayway.jsonpath.JsonPath.read(new String(myEnrolment(trainee).returnResult()
                .getResponseBody(), java.nio.charset.StandardCharsets.UTF_8), "$[0].certificateCode");
        assertThat(code).matches("[2-9A-Z]{4}(-[2-9A-Z]{4}){3}");

        // the learning time is the sum of the durations: 10 + 20 + 15 + 15 minutes
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get().uri("/api/me/learning")
                .headers(h -> h.setBearerAuth(trainee)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.learningSeconds").isEqualTo(3600).jsonPath("$.statements").isEqualTo(5));

        // anyone can check the certificate, without signing in
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get().uri("/api/certificates/{code}", code)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.course").isEqualTo("Forklift Safety")
                .jsonPath("$.holder").isEqualTo("TRAINEE Person")
                .jsonPath("$.issuedAt").isNotEmpty());
        api.query().get().uri("/api/certificates/{code}", "2222-2222-2222-2222").exchange().expectStatus().isNotFound();
        api.query().get().uri("/api/certificates/{code}", "not-a-code").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:invalid-code");

        // the learning report: the administrator sees every trainee, the trainee only themself
        api.command().post().uri("/api/organizations/{id}/member-imports", acme).headers(h -> h.setBearerAuth(alice.token()))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\nSal Sales,,sal-" + tag + "@acme.example,Sales\r\n")
                .exchange().expectStatus().isOk();
        // total counts the report's rows; the items also need each member's view, which another processor keeps
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> report(alice.token(), acme, "sort=name,asc")
                .jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[?(@.name == 'TRAINEE Person')].learningSeconds").isEqualTo(List.of(3600))
                .jsonPath("$.items[?(@.name == 'TRAINEE Person')].coursesCompleted").isEqualTo(List.of(1))
                .jsonPath("$.items[?(@.name == 'TRAINEE Person')].completionRate").isEqualTo(List.of(1.0))
                .jsonPath("$.items[?(@.name == 'TRAINEE Person')].examsTaken").isEqualTo(List.of(2))
                .jsonPath("$.items[?(@.name == 'TRAINEE Person')].examPassRate").isEqualTo(List.of(0.5)));
        report(alice.token(), acme, "department=Sales").jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].name").isEqualTo("Sal Sales");
        report(alice.token(), acme, "courseId=" + courseId).jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].name").isEqualTo("TRAINEE Person");
        report(alice.token(), acme, "sort=learningSeconds,desc").jsonPath("$.items[0].name").isEqualTo("TRAINEE Person");
        // a page cut from the report rows before the join (report-column sorts), and one read in name order
        report(alice.token(), acme, "sort=learningSeconds,desc&size=1&page=1").jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].name").isEqualTo("Sal Sales");
        report(alice.token(), acme, "sort=name,desc&size=1&page=1").jsonPath("$.items[0].name").isEqualTo("Sal Sales");
        report(alice.token(), acme, "sort=completionRate,asc&size=1").jsonPath("$.items[0].name").isEqualTo("TRAINEE Person");
        // rows without a value sort last in either direction; the descending orders read an index
        report(alice.token(), acme, "sort=completionRate,desc&size=1").jsonPath("$.items[0].name").isEqualTo("TRAINEE Person");
        report(alice.token(), acme, "sort=lastActivity,desc").jsonPath("$.items[0].name").isEqualTo("TRAINEE Person")
                .jsonPath("$.items[1].name").isEqualTo("Sal Sales");
        report(alice.token(), acme, "sort=learningSeconds,desc&size=1&page=1").jsonPath("$.items[0].name")
                .isEqualTo("Sal Sales");
        report(trainee, acme, "").jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].name").isEqualTo("TRAINEE Person");
        api.query().get().uri("/api/organizations/{o}/reports/learning", acme).headers(h -> h.setBearerAuth(instructor))
                .exchange().expectStatus().isForbidden();
        api.query().get().uri("/api/organizations/{o}/reports/learning?sort=password,asc", acme)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isBadRequest();
        api.query().get().uri("/api/organizations/{o}/reports/learning?status=SLEEPING", acme)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:validation-failed");
        api.query().get().uri("/api/organizations/{o}/reports/learning?from=yesterday", acme)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isBadRequest();
        courseStatistics(instructor, acme);
        organizationFigures(alice.token(), acme);
        exports(alice.token(), acme, tag);

        api.command().post().uri("/api/users/{id}/erasure", traineeId).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                .uri("/api/certificates/{code}", code).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.holder").isEqualTo("[erased]")
                .jsonPath("$.course").isEqualTo("Forklift Safety"));
        // the erased trainee leaves the named report; the aggregates still count them
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> report(alice.token(), acme, "")
                .jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items[?(@.name == 'TRAINEE Person')]").isEmpty());
        courseStatistics(instructor, acme);
        organizationFigures(alice.token(), acme);
    }

    /**
     * A client may backdate a statement's timestamp. Progress is timed by when the service stored the
     * statement, so a backdated completion neither issues a certificate before the course started nor
     * is lost: its time is kept as reported.
     */
    @Test
    void aBackdatedStatementCompletesTheCourseAtItsStoredTimeAndKeepsTheClientTimeAsReported() {
        Cast cast = cast();
        String trainee = cast.trainee();
        UUID traineeId = LocalApi.subjectOf(trainee);
        UUID video = UUID.randomUUID();
        String courseId = publishedAndSubscribed(cast, Map.of("title", "Ladder Safety", "language", "en", "sections",
                List.of(Map.of("title", "All", "lessons", List.of(Map.of("lessonId", video, "title", "Watch",
                        "kind", "VIDEO", "contentUri", "https://v.example/3", "durationMinutes", 5))))));
        LocalApi.XapiCredential lms = api.xapiCredential(cast.alice().token(), cast.organization());
        String activity = "https://lms.acme.example/courses/" + courseId;

        Instant beforeStart = Instant.now();
        api.ingest(lms, List.of(statement(traineeId, "initialized", activity, null)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> myEnrolment(trainee)
                .jsonPath("$[0].startedAt").isNotEmpty());
        Map<String, Object> backdated = statement(traineeId, "completed", activity + "/lessons/" + video, null);
        backdated.put("timestamp", "2020-01-01T00:00:00Z");
        api.ingest(lms, List.of(backdated));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> myEnrolment(trainee)
                .jsonPath("$[0].certificateCode").isNotEmpty());

        Map<?, ?> enrolment = api.query().get().uri("/api/me/enrolments").headers(h -> h.setBearerAuth(trainee))
                .exchange().expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody().get(0);
        Instant startedAt = Instant.parse(enrolment.get("startedAt").toString());
        Instant completedAt = Instant.parse(enrolment.get("completedAt").toString());
        assertThat(startedAt).isAfterOrEqualTo(beforeStart.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(completedAt).isAfterOrEqualTo(startedAt);
        assertThat(Instant.parse(enrolment.get("startedReportedAt").toString())).isEqualTo(startedAt);
        assertThat(enrolment.get("completedReportedAt")).isEqualTo("2020-01-01T00:00:00Z");

        Map<?, ?> certificate = api.query().get().uri("/api/certificates/{code}", enrolment.get("certificateCode"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(Instant.parse(certificate.get("issuedAt").toString())).isEqualTo(completedAt)
                .isAfterOrEqualTo(startedAt);
        assertThat(certificate.get("completedReportedAt")).isEqualTo("2020-01-01T00:00:00Z");
    }

    /** An organization with its administrator Alice, an instructor and a trainee, all signed in. */
    private record Cast(UUID organization, LocalApi.Admin alice, String tag, String instructor, String trainee) {
    }

    private Cast cast() {
        String operator = api.operator();
        UUID acme = api.organization(operator, "Acme Training");
        LocalApi.Admin alice = api.approvedAdmin(operator, acme, "Alice", "alice-" + UUID.randomUUID() + "@org.example");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return new Cast(acme, alice, tag,
                api.joined(operator, alice.token(), acme, "ian-" + tag + "@acme.example", "INSTRUCTOR"),
                api.joined(operator, alice.token(), acme, "tia-" + tag + "@acme.example", "TRAINEE"));
    }

    /** The instructor drafts and publishes the course, and the trainee subscribes to it; answers its id. */
    private String publishedAndSubscribed(Cast cast, Map<String, Object> course) {
        String courseId = api.command().post().uri("/api/organizations/{o}/courses", cast.organization())
                .headers(h -> h.setBearerAuth(cast.instructor())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(course).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("courseId").toString();
        api.command().post().uri("/api/organizations/{o}/courses/{c}/publication", cast.organization(), courseId)
                .headers(h -> h.setBearerAuth(cast.instructor())).exchange().expectStatus().isNoContent();
        api.command().post().uri("/api/organizations/{o}/courses/{c}/subscription", cast.organization(), courseId)
                .headers(h -> h.setBearerAuth(cast.trainee())).exchange().expectStatus().isNoContent();
        return courseId;
    }

    /** CSV and XLSX of the report, with a member whose name a spreadsheet would run as a formula. */
    private void exports(String admin, UUID organization, String tag) {
        api.command().post().uri("/api/organizations/{id}/member-imports", organization)
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\n\"=HYPERLINK(\"\"http://x.example\"\")\",,eq-" + tag
                        + "@acme.example,Sales\r\n")
                .exchange().expectStatus().isOk();
        // the export joins the member views as the items do: wait for the new member's, not only its report row
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> report(admin, organization, "")
                .jsonPath("$.total").isEqualTo(3).jsonPath("$.items.length()").isEqualTo(3));
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        var csv = api.query().get().uri("/api/organizations/{o}/reports/learning/export?format=csv&sort=name,asc",
                        organization).headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Content-Disposition",
                        "attachment; filename=\"learning-report-acme-training-" + day + ".csv\"")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv.split("\r\n")).hasSize(4);
        assertThat(csv).startsWith("name,email,department,status,learningSeconds,")
                .contains("\"'=HYPERLINK").contains("TRAINEE Person,tia-" + tag)
                .doesNotContain(",=HYPERLINK");
        assertThat(csv.split("\r\n")[3]).contains(",3600,1,1,1,1.0,2,0.5,");
        byte[] xlsx = api.query().get()
                .uri("/api/organizations/{o}/reports/learning/export?format=xlsx&department=Sales", organization)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Content-Disposition",
                        "attachment; filename=\"learning-report-acme-training-" + day + ".xlsx\"")
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Name");
            assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("Learning length");
            var formula = sheet.getRow(1).getCell(0);
            assertThat(formula.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
            assertThat(formula.getStringCellValue()).startsWith("=HYPERLINK");
            assertThat(formula.getCellStyle().getQuotePrefixed()).isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        api.query().get().uri("/api/organizations/{o}/reports/learning/export?format=pdf", organization)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isBadRequest();

        // every export gave its slot back; with none free, one more is refused at once, and starts nothing
        org.elearn.query.web.ExportGate gate =
                api.services().querySide().getBean(org.elearn.query.web.ExportGate.class);
        int[] held = {0};
        try {
            // a slot comes back when the server has finished writing, which may be just after the client read all
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(held[0] += gate.drain()).isEqualTo(4));
            api.query().get().uri("/api/organizations/{o}/reports/learning/export?format=csv", organization)
                    .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "1")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:exports-busy");
            api.query().get().uri("/api/organizations/{o}/members/export", organization) // the member list too
                    .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isEqualTo(503);
        } finally {
            gate.release(held[0]);
        }
        api.query().get().uri("/api/organizations/{o}/reports/learning/export?format=csv", organization)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult();
        held[0] = 0; // the refused one took no slot, the last one gives its own back
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(held[0] += gate.drain()).isEqualTo(4));
        } finally {
            gate.release(held[0]);
        }
    }

    private WebTestClient.BodyContentSpec report(String token, UUID organization, String query) {
        return api.query().get().uri("/api/organizations/" + organization + "/reports/learning?" + query)
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk().expectBody();
    }

    private void courseStatistics(String instructor, UUID organization) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                .uri("/api/organizations/{o}/reports/courses", organization)
                .headers(h -> h.setBearerAuth(instructor)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].title").isEqualTo("Forklift Safety")
                .jsonPath("$[0].enrolled").isEqualTo(1)
                .jsonPath("$[0].started").isEqualTo(1)
                .jsonPath("$[0].completed").isEqualTo(1)
                .jsonPath("$[0].averageScore").isEqualTo(72.5)
                .jsonPath("$[0].passRate").isEqualTo(0.5));
    }

    private void organizationFigures(String admin, UUID organization) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                .uri("/api/organizations/{o}/reports/organization", organization)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.activeTrainees7Days").isEqualTo(1)
                .jsonPath("$.completionsPerDay.length()").isEqualTo(1)
                .jsonPath("$.completionsPerDay[0].completions").isEqualTo(1)
                .jsonPath("$.learningHoursByDepartment[?(@.department == '')].learningHours").isEqualTo(List.of(1.0)));
    }

    private WebTestClient.BodyContentSpec myEnrolment(String trainee) {
        return api.query().get().uri("/api/me/enrolments").headers(h -> h.setBearerAuth(trainee)).exchange()
                .expectStatus().isOk().expectBody();
    }

    private void ingest(String key, String secret, List<Map<String, Object>> statements) {
        api.command().post().uri("/xapi/statements")
                .headers(h -> {
                    h.setBasicAuth(key, secret);
                    h.set("X-Experience-API-Version", "1.0.3");
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(statements).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Experience-API-Version", "1.0.3");
    }

    private static Map<String, Object> statement(UUID trainee, String verb, String object, Map<String, Object> result) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("actor", Map.of("objectType", "Agent",
                "account", Map.of("homePage", HOME_PAGE, "name", trainee.toString())));
        statement.put("verb", Map.of("id", ADL + verb));
        statement.put("object", Map.of("id", object));
        if (result != null) {
            statement.put("result", result);
        }
        return statement;
    }
}
