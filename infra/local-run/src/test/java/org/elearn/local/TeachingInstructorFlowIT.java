package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
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
 * Every instructor who teaches has a public profile, shown on their courses: a member invited to
 * teach as much as a self-registered instructor, who can join an organization with their own login.
 */
@ExtendWith(SharedServices.class)
class TeachingInstructorFlowIT {

    private static final String PASSWORD = "long-enough-password";

    /** The shared services: each test works in organizations of its own. */
    private static LocalApi api;

    @BeforeAll
    static void start(LocalApi shared) {
        api = shared;
    }

    private static final Map<String, Object> COURSE = Map.of("title", "Forklift Safety", "language", "en",
            "sections", List.of(Map.of("title", "Basics", "lessons", List.of(Map.of("title", "Welcome",
                    "kind", "VIDEO", "contentUri", "https://v.example/1", "durationMinutes", 5)))));

    private static final Map<String, Object> PROFILE = Map.of("avatarUri", "https://img.example/ian.png",
            "gender", "male", "introduction", "Twenty years on warehouse floors.",
            "workExperience", List.of(Map.of("organization", "Depot Ltd", "title", "Safety lead", "from", "2004-03")));

    /** Creates and publishes a course as this instructor; answers the instructorId the catalog shows. */
    private UUID publishedCourseInstructor(UUID organization, String instructor) {
        String courseId = api.command().post().uri("/api/organizations/{o}/courses", organization)
                .headers(h -> h.setBearerAuth(instructor)).contentType(MediaType.APPLICATION_JSON).bodyValue(COURSE)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("courseId").toString();
        api.command().post().uri("/api/organizations/{o}/courses/{c}/publication", organization, courseId)
                .headers(h -> h.setBearerAuth(instructor)).exchange().expectStatus().isNoContent();
        List<Map> catalog = await().atMost(Duration.ofSeconds(15)).until(() -> api.query().get()
                .uri("/api/organizations/{o}/catalog", organization).headers(h -> h.setBearerAuth(instructor))
                .exchange().expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody(),
                list -> list.stream().anyMatch(c -> courseId.equals(c.get("courseId"))));
        return UUID.fromString(catalog.stream().filter(c -> courseId.equals(c.get("courseId"))).findFirst()
                .orElseThrow().get("instructorId").toString());
    }

    private WebTestClient.ResponseSpec editPublicProfile(UUID instructorId, String token) {
        return api.command().put().uri("/api/instructors/{id}/public-profile", instructorId)
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(PROFILE)
                .exchange();
    }

    private void invite(String admin, UUID organization, String email, String role) {
        api.command().post().uri("/api/organizations/{id}/invitations", organization).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", email, "role", role))
                .exchange().expectStatus().isCreated();
    }

    private WebTestClient.ResponseSpec accept(String code, String password) {
        return api.command().post().uri("/api/invitations/acceptance").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code, "name", "Hal Teacher", "password", password)).exchange();
    }

    @Test
    void anInvitedInstructorKeepsAPublicProfileShownOnTheirCoursesUntilErased() {
        String operator = api.operator();
        UUID acme = api.organization(operator, "Acme Training");
        LocalApi.Admin alice = api.approvedAdmin(operator, acme, "Alice", "alice-" + UUID.randomUUID() + "@org.example");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String instructor = api.joined(operator, alice.token(), acme, "ian-" + tag + "@acme.example", "INSTRUCTOR");
        String trainee = api.joined(operator, alice.token(), acme, "tia-" + tag + "@acme.example", "TRAINEE");

        UUID instructorId = publishedCourseInstructor(acme, instructor);
        assertThat(instructorId).isEqualTo(LocalApi.subjectOf(instructor));
        editPublicProfile(instructorId, instructor).expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> api.query().get()
                .uri("/api/instructors/{id}", instructorId).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("INSTRUCTOR Person")
                .jsonPath("$.avatarUri").isEqualTo("https://img.example/ian.png")
                .jsonPath("$.gender").isEqualTo("male")
                .jsonPath("$.introduction").isEqualTo("Twenty years on warehouse floors.")
                .jsonPath("$.workExperience[0].organization").isEqualTo("Depot Ltd"));

        // only the instructor (or an operator) edits it, and only instructors have one
        editPublicProfile(instructorId, trainee).expectStatus().isForbidden();
        editPublicProfile(LocalApi.subjectOf(trainee), operator).expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:instructor-not-found");

        // erasure reaches the profile
        api.command().post().uri("/api/users/{id}/erasure", instructorId).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> api.query().get()
                .uri("/api/instructors/{id}", instructorId).exchange().expectStatus().isNotFound());
    }

    @Test
    void aSelfRegisteredInstructorJoinsAnOrganizationWithTheirOwnLogin() {
        String operator = api.operator();
        UUID acme = api.organization(operator, "Acme Training");
        UUID globex = api.organization(operator, "Globex Learning");
        LocalApi.Admin alice = api.approvedAdmin(operator, acme, "Alice", "alice-" + UUID.randomUUID() + "@org.example");
        LocalApi.Admin gus = api.approvedAdmin(operator, globex, "Gus", "gus-" + UUID.randomUUID() + "@org.example");
        String email = "hal-" + UUID.randomUUID() + "@teach.example";
        UUID halId = api.registered(operator, "/api/instructors",
                Map.of("name", "Hal Teacher", "email", email, "phone", "+1 555 0100", "password", PASSWORD));
        String alone = api.login(email, PASSWORD);
        editPublicProfile(halId, alone).expectStatus().isNoContent();

        // inviting their email is like inviting any other; accepting needs their own password
        invite(alice.token(), acme, email, "INSTRUCTOR");
        String code = api.invitationCode(operator, email);
        accept(code, "not-the-password-of-hal").expectStatus().isUnauthorized();
        accept(code, PASSWORD).expectStatus().isCreated().expectBody()
                .jsonPath("$.userId").isEqualTo(halId.toString())
                .jsonPath("$.organizationId").isEqualTo(acme.toString());

        // a token from before says no organization: it no longer works; their login gives one that does
        api.command().get().uri("/api/me").headers(h -> h.setBearerAuth(alone)).exchange()
                .expectStatus().isUnauthorized();
        String hal = api.login(email, PASSWORD);
        api.command().get().uri("/api/me").headers(h -> h.setBearerAuth(hal)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.organizationId").isEqualTo(acme.toString())
                .jsonPath("$.roles").isEqualTo(List.of("INSTRUCTOR"));
        assertThat(publishedCourseInstructor(acme, hal)).isEqualTo(halId);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> api.query().get()
                .uri("/api/instructors/{id}", halId).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Hal Teacher")
                .jsonPath("$.introduction").isEqualTo("Twenty years on warehouse floors."));
        await().atMost(Duration.ofSeconds(15)).until(() -> api.query().get()
                .uri("/api/organizations/{o}/members?role=INSTRUCTOR", acme).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()
                .contains(halId.toString()));

        // one organization per account: another organization's invitation is refused to Hal, naming none
        invite(gus.token(), globex, email, "TRAINEE");
        String body = accept(api.invitationCode(operator, email, 2), PASSWORD).expectStatus().isEqualTo(409)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("urn:elearn:problem:account-cannot-join").doesNotContain(acme.toString())
                .doesNotContain("Acme");
        api.command().get().uri("/api/me").headers(h -> h.setBearerAuth(hal)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.organizationId").isEqualTo(acme.toString());
    }
}
