package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.elearn.events.privacy.UserErased;
import org.elearn.events.retention.MemberErasedByRetention;
import org.elearn.events.rights.AccountCancellationCompleted;
import org.elearn.support.privacy.EventContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The personal-data export is complete by construction: every event type of the contract that
 * names a data subject is produced here through the HTTP API, and must show in that subject's
 * export. A new event type fails this test until it is produced here and the export shows it.
 * Most types are produced for one trainee; the rest for the subjects they can only be about
 * (an instructor, administrators, an auditor, an imported member, an invitee whose invitation was
 * revoked). The learning record (enrolments, progress, certificates, learning time) also shows as
 * the projections hold it, and everything is named in camelCase.
 */
@ExtendWith(SharedServices.class)
class PersonalDataExportIT {

    /** Recorded only as a subject is erased: their export is gone (410) by then, which other tests prove. */
    private static final Set<Class<?>> ERASURE_ONLY =
            Set.of(UserErased.class, MemberErasedByRetention.class, AccountCancellationCompleted.class);

    private static final String HOME_PAGE = "https://elearn.example";
    private static final String ADL = "http://adlnet.gov/expapi/verbs/";
    private static final String BROWSER =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

    private final LocalApi api;

    PersonalDataExportIT(LocalApi shared) {
        this.api = shared;
    }

    /** Whose export to read, with a token allowed to read it. */
    private record Reader(UUID subject, String token) {
    }

    @Test
    void theExportShowsEveryEventTypeThatNamesASubjectAndTheLearningRecord() {
        String operator = api.operator();
        UUID acme = api.organization(operator, "Acme Training");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        LocalApi.Admin alice = api.approvedAdmin(operator, acme, "Alice", "alice-" + tag + "@org.example");
        List<Reader> readers = new ArrayList<>();
        readers.add(new Reader(alice.id(), alice.token()));
        readers.add(new Reader(rejectedAdministrator(operator, acme, tag), alice.token()));
        Reader auditor = auditor(operator, tag);
        readers.add(auditor);
        Reader ada = selfRegisteredInstructor(operator, tag);
        readers.add(ada);
        readers.add(new Reader(revokedInvitee(alice.token(), acme, tag), alice.token()));
        // the trainee: imported, invited, reminded, joined; edits their details, the administrator the rest
        String email = "tia-" + tag + "@acme.example";
        api.command().post().uri("/api/organizations/{id}/member-imports", acme).headers(h -> h.setBearerAuth(alice.token()))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\nSal Sales,,sal-" + tag + "@acme.example,Sales\r\n"
                        + "Tia Imported,," + email + ",Logistics\r\n")
                .exchange().expectStatus().isOk();
        readers.add(new Reader(api.memberId(alice.token(), acme, "Sal Sales"), alice.token()));
        api.memberId(alice.token(), acme, "Tia Imported");
        UUID invitation = invite(alice.token(), acme, email);
        api.command().post().uri("/api/organizations/{o}/invitations/{i}/resend", acme, invitation)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.mailbox(operator, email).size() == 2);
        // both mails may carry the same delivery time: the resent code is the one accepted, the first is void
        List<Integer> answers = api.mailbox(operator, email).stream()
                .map(mail -> mail.get("body").toString().replaceAll("(?s).*Your invitation code: (\\S+).*", "$1"))
                .map(code -> api.command().post().uri("/api/invitations/acceptance").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("code", code, "name", "Tia", "password", "long-enough-password"))
                        .exchange().returnResult(Void.class).getStatus().value())
                .toList();
        assertThat(answers).containsExactlyInAnyOrder(201, 404);
        String trainee = api.login(email, "long-enough-password");
        UUID tia = LocalApi.subjectOf(trainee);
        api.command().put().uri("/api/me/profile").headers(h -> h.setBearerAuth(trainee))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Tia Trainee", "phone", "+44 20 7946 0001",
                        "nickname", "Tia", "gender", "female"))
                .exchange().expectStatus().isNoContent();
        api.command().put().uri("/api/organizations/{o}/members/{m}", acme, tia).headers(h -> h.setBearerAuth(alice.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("nickname", "Ti", "gender", "female",
                        "employeeId", "E-42", "email", email, "position", "Forklift driver", "entryDate", "2020-01-15"))
                .exchange().expectStatus().isNoContent();

        // their learning: two courses subscribed, one left; the other completed with an exam and a certificate
        String instructor = api.joined(operator, alice.token(), acme, "ian-" + tag + "@acme.example", "INSTRUCTOR");
        readers.add(new Reader(LocalApi.subjectOf(instructor), instructor));
        UUID video = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        UUID exam = UUID.randomUUID();
        String course = publishedCourse(instructor, acme, "Forklift Safety", List.of(
                Map.of("lessonId", video, "title", "Welcome", "kind", "VIDEO", "contentUri", "https://v.example/1",
                        "durationMinutes", 5),
                Map.of("lessonId", assignment, "title", "Checklist", "kind", "ASSIGNMENT"),
                Map.of("lessonId", exam, "title", "Final exam", "kind", "EXAM", "passingScore", 80)));
        String other = publishedCourse(instructor, acme, "Pallet Stacking", List.of(Map.of("lessonId", UUID.randomUUID(),
                "title", "Intro", "kind", "VIDEO", "contentUri", "https://v.example/3", "durationMinutes", 5)));
        for (String id : List.of(course, other)) {
            api.command().post().uri("/api/organizations/{o}/courses/{c}/subscription", acme, id)
                    .headers(h -> h.setBearerAuth(trainee)).exchange().expectStatus().isNoContent();
        }
        api.command().delete().uri("/api/organizations/{o}/courses/{c}/subscription", acme, other)
                .headers(h -> h.setBearerAuth(trainee)).exchange().expectStatus().isNoContent();
        LocalApi.XapiCredential credential = api.xapiCredential(alice.token(), acme);
        String activity = "https://lms.acme.example/courses/" + course;
        // a statement sent by mistake (it counts no time) and voided in the same batch
        Map<String, Object> mistake = statement(tia, "experienced", activity + "/pages/intro", null);
        mistake.put("id", UUID.randomUUID().toString());
        api.command().post().uri("/xapi/statements").headers(h -> {
                    h.setBasicAuth(credential.key(), credential.secret());
                    h.set("X-Experience-API-Version", "1.0.3");
                    h.set("User-Agent", BROWSER);
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(List.of(
                        statement(tia, "initialized", activity, null),
                        statement(tia, "completed", activity + "/lessons/" + video, Map.of("duration", "PT10M")),
                        statement(tia, "completed", activity + "/lessons/" + assignment,
                                Map.of("duration", "PT20M", "response", "Check the forks, the mast and the brakes.")),
                        statement(tia, "passed", activity + "/lessons/" + exam, Map.of("duration", "PT15M",
                                "score", Map.of("scaled", 0.9), "success", true)),
                        mistake, voiding(tia, mistake.get("id").toString())))
                .exchange().expectStatus().isOk();
        String code = await().atMost(Duration.ofSeconds(15)).until(() -> JsonPath.<List<String>>read(
                body(api.query().get().uri("/api/me/enrolments"), trainee), "$[*].certificateCode"),
                codes -> codes.size() == 1 && codes.get(0) != null).get(0);

        // their LRS data, which the command side keeps: a State document, an Agent Profile, an attachment
        String agent = "{\"account\":{\"homePage\":\"" + HOME_PAGE + "\",\"name\":\"" + tia + "\"}}";
        api.command().put().uri("/xapi/activities/state?activityId={a}&agent={g}&stateId=resume", activity, agent)
                .headers(LocalApi.xapi(credential)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"page\":7}").exchange().expectStatus().isNoContent();
        api.command().put().uri("/xapi/agents/profile?agent={g}&profileId=preferences", agent)
                .headers(LocalApi.xapi(credential)).contentType(MediaType.TEXT_PLAIN)
                .bodyValue("subtitles on").exchange().expectStatus().isNoContent();
        byte[] essay = "Tia's essay: the forks first.".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> essayStatement = statement(tia, "attempted", activity + "/essay", null);
        essayStatement.put("attachments", List.of(Map.of("usageType", "https://lms.acme.example/usage/essay",
                "display", Map.of("en-US", "Essay"), "contentType", "text/plain", "length", essay.length,
                "sha2", LocalApi.sha256(essay))));
        api.command().post().uri("/xapi/statements").headers(LocalApi.xapi(credential))
                .header("User-Agent", BROWSER).contentType(LocalApi.MULTIPART_STATEMENT)
                .bodyValue(LocalApi.withAttachment(json(essayStatement), essay)).exchange().expectStatus().isOk();

        // their choices: consents, limits on processing, a cancellation withdrawn
        api.command().put().uri("/api/me/cookie-consent").headers(h -> h.setBearerAuth(trainee))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("analytics", true, "personalisation", false, "policyVersion", "1"))
                .exchange().expectStatus().isOk();
        for (boolean granted : List.of(true, false)) {
            api.command().put().uri("/api/me/consents/MARKETING_EMAIL").headers(h -> h.setBearerAuth(trainee))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("granted", granted, "policyVersion", "1", "channel", "WEB"))
                    .exchange().expectStatus().isOk();
        }
        for (String limit : List.of("restriction", "objection")) {
            api.command().post().uri("/api/users/{u}/{l}", tia, limit).headers(h -> h.setBearerAuth(alice.token()))
                    .exchange().expectStatus().isNoContent();
            api.command().delete().uri("/api/users/{u}/{l}", tia, limit).headers(h -> h.setBearerAuth(alice.token()))
                    .exchange().expectStatus().isNoContent();
        }
        api.command().post().uri("/api/organizations/{o}/members/{m}/deactivation", acme, tia)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isNoContent();
        api.command().post().uri("/api/organizations/{o}/members/{m}/reactivation", acme, tia)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isNoContent();
        api.command().post().uri("/api/me/cancellation").headers(h -> h.setBearerAuth(api.login(email,
                "long-enough-password"))).exchange().expectStatus().isAccepted();
        api.command().post().uri("/api/cancellation/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "long-enough-password"))
                .exchange().expectStatus().isNoContent();
        readers.add(new Reader(tia, alice.token()));

        // every type that names a subject shows in its subject's export
        Set<String> expected = new TreeSet<>();
        EventContract.typesNamingASubject().stream().filter(type -> !ERASURE_ONLY.contains(type))
                .forEach(type -> expected.add(type.getSimpleName()));
        assertThat(expected).contains("TraineeEnrolled", "CertificateIssued", "InvitationResent", "AuditorAppointed");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> shown = new TreeSet<>();
            readers.forEach(reader -> shown.addAll(JsonPath.read(export(reader), "$.categories.*.events[*].type")));
            assertThat(shown).containsAll(expected);
        });

        // the trainee's learning record, as the events and the projections hold it
        String export = export(new Reader(tia, alice.token()));
        assertThat(JsonPath.<String>read(export, "$.format")).isEqualTo("urn:elearn:personal-data-export:2");
        assertThat(JsonPath.<Map<String, Object>>read(export, "$.categories")).containsOnlyKeys("account", "profile",
                "sharedContent", "teachingContent", "usage", "systemData", "consent");
        assertThat(JsonPath.<List<Object>>read(export, "$.categories.teachingContent.events[*].type"))
                .contains("TraineeEnrolled", "TraineeUnenrolled", "CourseStarted", "LessonCompleted",
                        "AssignmentSubmitted", "AssessmentAttempted", "CourseCompleted", "CertificateIssued");
        assertThat(JsonPath.<List<Object>>read(export,
                "$.categories.teachingContent.events[?(@.type == 'CertificateIssued')].data.verificationCode"))
                .containsExactly(code);
        assertThat(JsonPath.<List<Object>>read(export,
                "$.categories.teachingContent.events[?(@.type == 'AssignmentSubmitted')].personalData.answers"))
                .containsExactly("Check the forks, the mast and the brakes.");
        assertThat(JsonPath.<List<Object>>read(export,
                "$.categories.teachingContent.events[?(@.type == 'AssessmentAttempted')].data.score"))
                .containsExactly(90);
        assertThat(JsonPath.<List<Object>>read(export, "$.categories.teachingContent.records.enrolments[*].courseTitle"))
                .containsExactly("Forklift Safety");
        assertThat(JsonPath.<String>read(export, "$.categories.teachingContent.records.enrolments[0].certificateCode"))
                .isEqualTo(code);
        assertThat(JsonPath.<String>read(export, "$.categories.teachingContent.records.enrolments[0].completedAt"))
                .isNotNull();
        assertThat(JsonPath.<List<Object>>read(export, "$.categories.teachingContent.records.lessonProgress")).hasSize(3);
        assertThat(JsonPath.<List<Object>>read(export, "$.categories.teachingContent.records.certificates[*].verificationCode"))
                .containsExactly(code);
        assertThat(JsonPath.<List<Object>>read(export, "$.categories.teachingContent.records.courseFigures[?(@.courseId == '"
                + course + "')].examsPassed")).containsExactly(1);
        assertThat(JsonPath.<Number>read(export, "$.categories.usage.records.learningTime.learningMillis").longValue())
                .isEqualTo(Duration.ofMinutes(45).toMillis());
        assertThat(JsonPath.<Integer>read(export, "$.categories.usage.records.learningFigures.coursesCompleted"))
                .isEqualTo(1);
        assertThat(JsonPath.<List<Object>>read(export, "$.categories.usage.events[*].personalData.statement")).hasSize(7);
        assertThat(JsonPath.<List<Object>>read(export, "$.categories.systemData.events[*].personalData.device"))
                .hasSize(7).containsOnly("Windows computer");
        // the LRS's documents and attachments, served by the command side and opened with their key
        assertThat(JsonPath.<List<Object>>read(export,
                "$.categories.usage.records.xapiDocuments[?(@.kind == 'state' && @.id == 'resume')].content.page"))
                .containsExactly(7);
        assertThat(JsonPath.<List<Object>>read(export,
                "$.categories.usage.records.xapiDocuments[?(@.kind == 'state')].activityId")).containsExactly(activity);
        assertThat(JsonPath.<List<Object>>read(export, "$.categories.usage.records.xapiDocuments"
                + "[?(@.kind == 'agent-profile' && @.id == 'preferences')].contentBase64")).containsExactly(
                Base64.getEncoder().encodeToString("subtitles on".getBytes(StandardCharsets.UTF_8)));
        assertThat(JsonPath.<List<Object>>read(export, "$.categories.usage.records.xapiAttachments[*].sha2"))
                .containsExactly(LocalApi.sha256(essay));
        assertThat(JsonPath.<List<Object>>read(export, "$.categories.usage.records.xapiAttachments[*].contentBase64"))
                .containsExactly(Base64.getEncoder().encodeToString(essay));
        // the command side's part alone: the user's, their administrator's, nobody else's
        String again = api.login(email, "long-enough-password"); // the cancellation revoked the first token
        api.command().get().uri("/api/users/{id}/xapi-data", tia).headers(h -> h.setBearerAuth(again)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.documents.length()").isEqualTo(2)
                .jsonPath("$.attachments.length()").isEqualTo(1);
        api.command().get().uri("/api/users/{id}/xapi-data", tia).headers(h -> h.setBearerAuth(instructor)).exchange()
                .expectStatus().isForbidden();
        assertThat(JsonPath.<List<Object>>read(export, "$.categories.systemData.events[*].personalData.client"))
                .containsOnly("Chrome 120");
        assertThat(JsonPath.<List<Object>>read(export, "$.categories.usage.events[*].personalData.device")).isEmpty();
        assertThat(JsonPath.<List<Object>>read(export, "$.categories.account.events[?(@.type == 'MemberInvited')]"
                + ".personalData.email")).containsExactly(email);
        assertThat(JsonPath.<String>read(export, "$.categories.account.records.member.employeeId")).isEqualTo("E-42");
        assertThat(JsonPath.<String>read(export, "$.categories.account.records.member.name")).isEqualTo("Tia Trainee");
        assertThat(JsonPath.<String>read(export, "$.categories.account.records.member.entryDate")).isEqualTo("2020-01-15");
        assertThat(JsonPath.<List<Object>>read(export, "$.categories.consent.events[*].type"))
                .contains("ConsentGranted", "ConsentDeclined", "ConsentWithdrawn", "ProcessingRestricted",
                        "ProcessingRestrictionLifted", "ObjectedToAnalytics", "AnalyticsObjectionWithdrawn",
                        "AccountCancellationRequested", "AccountCancellationWithdrawn");
        assertThat(JsonPath.<List<Object>>read(export,
                "$.categories.consent.events[?(@.type == 'ConsentWithdrawn')].data.purpose")).containsExactly("MARKETING_EMAIL");
        assertCamelCase(export);

        // the instructor's courses are their shared content; an administrator's documents are JSON
        String instructorExport = export(new Reader(LocalApi.subjectOf(instructor), instructor));
        assertThat(JsonPath.<List<Object>>read(instructorExport, "$.categories.sharedContent.records.courses[*].title"))
                .containsExactlyInAnyOrder("Forklift Safety", "Pallet Stacking");
        assertThat(JsonPath.<String>read(export(new Reader(alice.id(), alice.token())),
                "$.categories.account.records.administrator.documents[0].type")).isEqualTo("NDA");

        // the projections' rows, whole: a self-registered instructor's phone, an auditor's email
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(JsonPath.<String>read(export(ada), "$.categories.profile.records.instructorProfile.phone"))
                    .isEqualTo("+44 20 7946 0002");
            assertThat(JsonPath.<String>read(export(auditor), "$.categories.account.records.auditor.email"))
                    .isEqualTo("audrey-" + tag + "@audit.example");
        });

        // the own profile speaks camelCase too
        String profile = body(api.query().get().uri("/api/me/profile"), api.login(email, "long-enough-password"));
        assertThat(JsonPath.<String>read(profile, "$.member.employeeId")).isEqualTo("E-42");
        assertThat(JsonPath.<String>read(profile, "$.member.organizationId")).isEqualTo(acme.toString());
        assertCamelCase(profile);
    }

    private String export(Reader reader) {
        return body(api.query().get().uri("/api/users/{id}/personal-data", reader.subject()), reader.token());
    }

    private static String body(org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec<?> request,
                               String token) {
        return request.headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** No member name anywhere in the document has an underscore. */
    private static void assertCamelCase(String json) {
        List<String> names = new ArrayList<>();
        try {
            collectNames(new ObjectMapper().readTree(json), names);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        assertThat(names).isNotEmpty().noneMatch(name -> name.contains("_"));
    }

    private static void collectNames(JsonNode node, List<String> names) {
        node.fieldNames().forEachRemaining(names::add);
        node.forEach(child -> collectNames(child, names));
    }

    private UUID invite(String admin, UUID organization, String email) {
        return UUID.fromString(api.command().post().uri("/api/organizations/{id}/invitations", organization)
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "role", "TRAINEE")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("invitationId").toString());
    }

    /** Someone invited whose invitation was revoked before they answered. */
    private UUID revokedInvitee(String admin, UUID organization, String tag) {
        UUID invitation = invite(admin, organization, "rory-" + tag + "@acme.example");
        api.command().post().uri("/api/organizations/{o}/invitations/{i}/revocation", organization, invitation)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNoContent();
        return api.services().commandSide().getBean(JdbcTemplate.class)
                .queryForObject("SELECT invitee_id FROM invitation WHERE invitation_id = ?", UUID.class, invitation);
    }

    private UUID rejectedAdministrator(String operator, UUID organization, String tag) {
        UUID id = api.registered(operator, "/api/administrators", Map.of("organizationId", organization, "name", "Rex",
                "email", "rex-" + tag + "@org.example", "password", "long-enough-password", "documents",
                List.of(Map.of("type", "NDA", "uri", "https://files.example/rex.pdf", "sha256", "e".repeat(64)))));
        api.command().post().uri("/api/administrators/{id}/rejection", id).headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "No signed NDA"))
                .exchange().expectStatus().isNoContent();
        return id;
    }

    private Reader auditor(String operator, String tag) {
        String email = "audrey-" + tag + "@audit.example";
        api.command().post().uri("/api/auditors").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "long-enough-password", "mayReveal", false))
                .exchange().expectStatus().isCreated();
        String token = api.login(email, "long-enough-password");
        return new Reader(LocalApi.subjectOf(token), token);
    }

    /** An instructor who registered themself, then changed their details and their public profile. */
    private Reader selfRegisteredInstructor(String operator, String tag) {
        String email = "ada-" + tag + "@instructors.example";
        api.registered(operator, "/api/instructors", Map.of("name", "Ada", "email", email, "phone", "+44 20 7946 0000",
                "password", "long-enough-password"));
        String token = api.login(email, "long-enough-password");
        UUID id = LocalApi.subjectOf(token);
        api.command().put().uri("/api/instructors/{id}/profile", id).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Ada L.", "phone", "+44 20 7946 0002"))
                .exchange().expectStatus().isNoContent();
        api.command().put().uri("/api/instructors/{id}/public-profile", id).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("headline", "Poetical scientist"))
                .exchange().expectStatus().isNoContent();
        return new Reader(id, token);
    }

    private String publishedCourse(String instructor, UUID organization, String title, List<Map<String, Object>> lessons) {
        String id = api.command().post().uri("/api/organizations/{o}/courses", organization)
                .headers(h -> h.setBearerAuth(instructor)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", title, "language", "en",
                        "sections", List.of(Map.of("title", "Basics", "lessons", lessons))))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("courseId").toString();
        api.command().post().uri("/api/organizations/{o}/courses/{c}/publication", organization, id)
                .headers(h -> h.setBearerAuth(instructor)).exchange().expectStatus().isNoContent();
        return id;
    }

    /** A statement of the actor voiding the statement with this id. */
    private static Map<String, Object> voiding(UUID actor, String statementId) {
        Map<String, Object> voiding = statement(actor, "voided", statementId, null);
        voiding.put("object", Map.of("objectType", "StatementRef", "id", statementId));
        return voiding;
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> statement(UUID actor, String verb, String object, Map<String, Object> result) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("actor", Map.of("objectType", "Agent", "account", Map.of("homePage", HOME_PAGE,
                "name", actor.toString())));
        statement.put("verb", Map.of("id", ADL + verb));
        statement.put("object", Map.of("id", object));
        if (result != null) {
            statement.put("result", result);
        }
        return statement;
    }
}
