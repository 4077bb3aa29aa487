package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * On both services: a member edits their own nickname and gender and reads them
 * back, and a request body with a field the endpoint does not know is refused with its name and
 * changes nothing, on endpoints of either service alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnProfileFlowIT {

    private LocalApi api;
    private UUID organization;
    private LocalApi.Admin admin;
    private String member;

    @BeforeAll
    void start() {
        api = new LocalApi(TestDatabases.create(), "target/own-profile-secrets");
        String operator = api.operator();
        organization = api.organization(operator, "Profile Training");
        admin = api.approvedAdmin(operator, organization, "Pat", "pat-" + UUID.randomUUID() + "@org.example");
        // imported first, then invited: an imported member has the record the profile edits
        String email = "mia-" + UUID.randomUUID() + "@org.example";
        api.command().post().uri("/api/organizations/{id}/member-imports", organization)
                .headers(h -> h.setBearerAuth(admin.token())).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\nMia Import,," + email + ",Sales\r\n")
                .exchange().expectStatus().isOk();
        member = api.joined(operator, admin.token(), organization, email, "TRAINEE");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void aMemberEditsTheirNicknameAndGenderAndReadsThemBack() {
        api.command().put().uri("/api/me/profile").headers(h -> h.setBearerAuth(member))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Mia Member", "phone", "+1 555 0123", "nickname", "Mimi",
                        "gender", "female"))
                .exchange().expectStatus().isNoContent();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> ownProfile()
                .jsonPath("$.member.name").isEqualTo("Mia Member")
                .jsonPath("$.member.phone").isEqualTo("+1 555 0123")
                .jsonPath("$.member.nickname").isEqualTo("Mimi")
                .jsonPath("$.member.gender").isEqualTo("female"));

        // the whole set is replaced: a nickname left out is cleared
        api.command().put().uri("/api/me/profile").headers(h -> h.setBearerAuth(member))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Mia Member", "phone", "+1 555 0123", "gender", "undisclosed"))
                .exchange().expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> ownProfile()
                .jsonPath("$.member.nickname").doesNotExist()
                .jsonPath("$.member.gender").isEqualTo("undisclosed"));
    }

    @Test
    void aSelfRegisteredInstructorReadsTheirOwnPhoneWhichThePublicNeverSees() {
        String email = "ivo-" + UUID.randomUUID() + "@teach.example";
        UUID instructor = api.registered(api.operator(), "/api/instructors", Map.of("name", "Ivo Instructor",
                "email", email, "phone", "+44 20 7946 0958", "password", "long-enough-password"));
        String token = api.login(email, "long-enough-password");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> ownProfile(token)
                .jsonPath("$.instructor.name").isEqualTo("Ivo Instructor")
                .jsonPath("$.instructor.phone").isEqualTo("+44 20 7946 0958"));

        api.command().put().uri("/api/me/profile").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ivo Teacher", "phone", "+1 555 0199"))
                .exchange().expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> ownProfile(token)
                .jsonPath("$.instructor.name").isEqualTo("Ivo Teacher")
                .jsonPath("$.instructor.phone").isEqualTo("+1 555 0199"));
        // a phone left empty is none
        api.command().put().uri("/api/me/profile").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Ivo Teacher", "phone", ""))
                .exchange().expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> ownProfile(token)
                .jsonPath("$.instructor.phone").doesNotExist());

        // the public profile has no phone, and no one else's own profile has theirs
        String publicProfile = api.query().get().uri("/api/instructors/{id}", instructor).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(publicProfile).contains("Ivo Teacher").doesNotContain("phone").doesNotContain("555");
        ownProfile(member).jsonPath("$.instructor").doesNotExist();
    }

    Stream<Arguments> unknownFields() {
        return Stream.of(
                Arguments.of("own profile", true, HttpMethod.PUT, "/api/me/profile", "member",
                        "{\"name\":\"Someone Else\",\"nickName\":\"Typo\"}", "nickName"),
                Arguments.of("consent", true, HttpMethod.PUT, "/api/me/consents/MARKETING_EMAIL", "member",
                        "{\"granted\":true,\"policyVersion\":\"1\",\"channel\":\"WEB\",\"scope\":\"all\"}", "scope"),
                Arguments.of("member record", true, HttpMethod.PUT,
                        "/api/organizations/{organization}/members/{member}", "admin",
                        "{\"email\":\"mia-renamed@org.example\",\"salary\":100}", "salary"),
                Arguments.of("dashboard login", false, HttpMethod.POST, "/dashboard/login", null,
                        "{\"email\":\"pat@org.example\",\"password\":\"long-enough-password\",\"remember\":true}",
                        "remember"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownFields")
    void anUnknownFieldIsA400NamingItAndChangesNothing(String label, boolean commandSide, HttpMethod method,
                                                       String uri, String caller, String body, String field) {
        String token = "member".equals(caller) ? member : "admin".equals(caller) ? admin.token() : null;
        long events = storedEvents();
        String memberId = LocalApi.subjectOf(member).toString();

        api.side(commandSide).method(method)
                .uri(uri.replace("{organization}", organization.toString()).replace("{member}", memberId))
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:elearn:problem:unknown-field")
                .jsonPath("$.errors[0].field").isEqualTo(field);

        assertThat(storedEvents()).isEqualTo(events);
        ownProfile().jsonPath("$.member.name").value(name -> assertThat(name).isNotEqualTo("Someone Else"));
    }

    private long storedEvents() {
        return api.services().commandSide().getBean(JdbcTemplate.class)
                .queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private WebTestClient.BodyContentSpec ownProfile() {
        return ownProfile(member);
    }

    private WebTestClient.BodyContentSpec ownProfile(String token) {
        return api.query().get().uri("/api/me/profile").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody();
    }
}
