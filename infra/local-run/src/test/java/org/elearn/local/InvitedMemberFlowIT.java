package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.testsupport.DatabaseDump;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Self-service for members who joined only by invitation (no import): they edit their own
 * profile, their administrator edits, deactivates and reactivates them, a self-registered
 * instructor who joins becomes such a member too, and erasing one still leaves no copy.
 */
@ExtendWith(SharedServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvitedMemberFlowIT {

    private LocalApi api;
    private String operator;
    private UUID organization;
    private LocalApi.Admin admin;

    @BeforeAll
    void start(LocalApi shared) {
        api = shared;
        operator = api.operator();
        organization = api.organization(operator, "Invited Training");
        admin = api.approvedAdmin(operator, organization, "Ivy", "ivy-" + UUID.randomUUID() + "@org.example");
    }

    @Test
    void anInvitedTraineeEditsTheirOwnProfileAndReadsItBack() {
        String trainee = api.joined(operator, admin.token(), organization, email("tia"), "TRAINEE");

        editOwnProfile(trainee, Map.of("name", "Tia Invited", "phone", "+1 555 0177", "nickname", "Ti",
                "gender", "female"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ownProfile(trainee)
                .jsonPath("$.member.name").isEqualTo("Tia Invited")
                .jsonPath("$.member.phone").isEqualTo("+1 555 0177")
                .jsonPath("$.member.nickname").isEqualTo("Ti")
                .jsonPath("$.member.gender").isEqualTo("female"));

        // a second edit goes to the same record
        editOwnProfile(trainee, Map.of("name", "Tia Invited", "gender", "undisclosed"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ownProfile(trainee)
                .jsonPath("$.member.phone").doesNotExist()
                .jsonPath("$.member.nickname").doesNotExist()
                .jsonPath("$.member.gender").isEqualTo("undisclosed"));
    }

    @Test
    void theAdministratorEditsDeactivatesAndReactivatesAnInvitedMember() {
        String email = email("max");
        String trainee = api.joined(operator, admin.token(), organization, email, "TRAINEE");
        UUID member = LocalApi.subjectOf(trainee);

        api.command().put().uri("/api/organizations/{o}/members/{m}", organization, member)
                .headers(h -> h.setBearerAuth(admin.token())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "nickname", "Maxi", "position", "Analyst", "department", "Ops"))
                .exchange().expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ownProfile(trainee)
                .jsonPath("$.member.nickname").isEqualTo("Maxi")
                .jsonPath("$.member.position").isEqualTo("Analyst")
                .jsonPath("$.member.department").isEqualTo("Ops"));

        memberAction(member, "deactivation").expectStatus().isNoContent();
        // deactivation ends the member's sessions: the administrator sees the status
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(memberStatus(member))
                .isEqualTo("DEACTIVATED"));
        api.query().get().uri("/api/me/profile").headers(h -> h.setBearerAuth(trainee)).exchange()
                .expectStatus().isUnauthorized();
        memberAction(member, "deactivation").expectStatus().isEqualTo(409);
        memberAction(member, "reactivation").expectStatus().isNoContent();
        String again = api.login(email, "long-enough-password");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ownProfile(again)
                .jsonPath("$.member.status").isEqualTo("ACTIVE"));
    }

    @Test
    void aSelfRegisteredInstructorWhoJoinsKeepsTheirAccountAndEditsTheirMemberProfile() {
        String email = email("ida");
        UUID instructor = api.registered(operator, "/api/instructors", Map.of("name", "Ida Teacher", "email", email,
                "phone", "+1 555 0188", "password", "long-enough-password"));
        String joined = api.joined(operator, admin.token(), organization, email, "INSTRUCTOR");
        assertThat(LocalApi.subjectOf(joined)).isEqualTo(instructor);

        editOwnProfile(joined, Map.of("name", "Ida Member", "nickname", "Idi"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ownProfile(joined)
                .jsonPath("$.member.name").isEqualTo("Ida Member")
                .jsonPath("$.member.nickname").isEqualTo("Idi"));
        memberAction(instructor, "deactivation").expectStatus().isNoContent();
        memberAction(instructor, "reactivation").expectStatus().isNoContent();

        // the instructor account's own stream is untouched: it still loads and takes changes (a new
        // login, since the deactivation ended the earlier sessions)
        String again = api.login(email, "long-enough-password");
        api.command().put().uri("/api/instructors/{id}/profile", instructor)
                .headers(h -> h.setBearerAuth(again)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ida Teacher", "phone", "+1 555 0188"))
                .exchange().expectStatus().isNoContent();
    }

    @Test
    void erasingAnInvitedMemberLeavesNoCopyOfWhatTheirRecordHeld() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = email("eve");
        String trainee = api.joined(operator, admin.token(), organization, email, "TRAINEE");
        UUID member = LocalApi.subjectOf(trainee);
        List<String> markers = List.of("Eve" + tag, "Evie" + tag, "E-" + tag, "Lead" + tag);
        editOwnProfile(trainee, Map.of("name", markers.get(0), "nickname", markers.get(1)));
        api.command().put().uri("/api/organizations/{o}/members/{m}", organization, member)
                .headers(h -> h.setBearerAuth(admin.token())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "nickname", markers.get(1), "employeeId", markers.get(2),
                        "position", markers.get(3)))
                .exchange().expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ownProfile(trainee)
                .jsonPath("$.member.name").isEqualTo(markers.get(0))
                .jsonPath("$.member.position").isEqualTo(markers.get(3)));

        api.command().post().uri("/api/users/{id}/erasure", member).headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isAccepted();

        JdbcTemplate jdbc = api.services().commandSide().getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM member_view WHERE member_id = ?", Long.class, member) == 0);
        // the member's record still loads, its personal data read as the replacement value
        String record = api.services().commandSide().getBean(EventStore.class)
                .readEvents(recordIdOf(jdbc, member).toString(), 0).asStream()
                .map(event -> event.getPayload().toString()).toList().toString();
        assertThat(record).contains("[erased]");
        String dump = DatabaseDump.dump(api.database());
        for (String marker : markers) {
            for (String form : DatabaseDump.forms(marker)) {
                assertThat(dump).as("a form of an erased marker").doesNotContain(form);
            }
        }
    }

    /** The stream that holds the member's record: where their own-profile edit was stored. */
    private static UUID recordIdOf(JdbcTemplate jdbc, UUID member) {
        return UUID.fromString(jdbc.queryForObject("""
                SELECT DISTINCT aggregate_identifier FROM domain_event_entry
                 WHERE payload_type = 'org.elearn.events.membership.OwnProfileEdited'
                   AND convert_from(payload, 'UTF8') LIKE '%' || ? || '%'""", String.class, member.toString()));
    }

    private static String email(String name) {
        return name + "-" + UUID.randomUUID() + "@org.example";
    }

    private void editOwnProfile(String token, Map<String, String> profile) {
        api.command().put().uri("/api/me/profile").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(profile)
                .exchange().expectStatus().isNoContent();
    }

    private WebTestClient.ResponseSpec memberAction(UUID member, String action) {
        return api.command().post().uri("/api/organizations/{o}/members/{m}/" + action, organization, member)
                .headers(h -> h.setBearerAuth(admin.token())).exchange();
    }

    private Object memberStatus(UUID member) {
        Map<?, ?> page = api.query().get().uri("/api/organizations/{o}/members?size=100", organization)
                .headers(h -> h.setBearerAuth(admin.token())).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((java.util.List<Map<?, ?>>) page.get("items")).stream()
                .filter(m -> member.toString().equals(String.valueOf(m.get("memberId"))))
                .map(m -> m.get("status")).findFirst().orElse(null);
    }

    private WebTestClient.BodyContentSpec ownProfile(String token) {
        return api.query().get().uri("/api/me/profile").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody();
    }
}
