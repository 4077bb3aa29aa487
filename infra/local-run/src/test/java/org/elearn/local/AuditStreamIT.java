package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.core.ParameterizedTypeReference;
import reactor.test.StepVerifier;

/**
 * The audit stream over HTTP on a real PostgreSQL: global order, filters, redaction and reveal,
 * resuming from a cursor, the read recording itself, erased subjects, and refusals.
 */
class AuditStreamIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalApi api;
    private static String operator;
    private static UUID acme;
    private static UUID globex;
    private static LocalApi.Admin alice;
    private static String traineeEmail;
    private static UUID traineeId;

    @BeforeAll
    static void start() {
        api = new LocalApi(TestDatabases.create(), "target/audit-secrets");
        operator = api.operator();
        acme = api.organization(operator, "Acme Audit");
        globex = api.organization(operator, "Globex Audit");
        alice = api.approvedAdmin(operator, acme, "Alice", "alice-" + UUID.randomUUID() + "@acme.example");
        api.approvedAdmin(operator, globex, "Gina", "gina-" + UUID.randomUUID() + "@globex.example");
        traineeEmail = "tara-" + UUID.randomUUID() + "@acme.example";
        traineeId = LocalApi.subjectOf(api.joined(operator, alice.token(), acme, traineeEmail, "TRAINEE"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static List<JsonNode> lines(String token, String query) {
        String body = api.query().get().uri("/api/audit/events" + query).headers(h -> h.setBearerAuth(token))
                .accept(MediaType.APPLICATION_NDJSON).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return body == null ? List.of() : Arrays.stream(body.split("\n")).filter(line -> !line.isBlank())
                .map(AuditStreamIT::parse).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static String auditor(boolean mayReveal) {
        String email = "auditor-" + UUID.randomUUID() + "@audit.example";
        api.command().post().uri("/api/auditors").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "auditor-password-1", "mayReveal", mayReveal))
                .exchange().expectStatus().isCreated();
        return api.login(email, "auditor-password-1");
    }

    @Test
    void theWholeHistoryInOrderWithPersonalDataRedacted() {
        List<JsonNode> all = lines(operator, "");
        assertThat(all).hasSizeGreaterThan(5);
        List<Long> positions = all.stream().map(line -> line.get("position").asLong()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        JsonNode imported = all.stream().filter(line -> line.get("type").asText().endsWith("InvitationAccepted"))
                .findFirst().orElseThrow();
        assertThat(imported.get("eventId").asText()).isNotBlank();
        assertThat(imported.get("aggregate").get("id").asText()).isNotBlank();
        assertThat(imported.has("metadata")).isTrue();
        assertThat(imported.get("timestamp").asText()).isNotBlank();
        assertThat(imported.get("payload").get("name").asText()).isEqualTo("[redacted]");
        String everything = all.toString();
        assertThat(everything).doesNotContain(traineeEmail).doesNotContain("TRAINEE Person").doesNotContain("pd1:");
    }

    @Test
    void filtersNarrowTheHistory() {
        List<JsonNode> all = lines(operator, "");
        List<JsonNode> accepted = lines(operator, "?types=InvitationAccepted,MemberInvited");
        assertThat(accepted).isNotEmpty().allSatisfy(line -> assertThat(line.get("type").asText())
                .isIn("org.elearn.events.membership.InvitationAccepted", "org.elearn.events.membership.MemberInvited"));
        String aggregate = accepted.get(0).get("aggregate").get("id").asText();
        assertThat(lines(operator, "?aggregate=" + aggregate)).isNotEmpty()
                .allSatisfy(line -> assertThat(line.get("aggregate").get("id").asText()).isEqualTo(aggregate));
        assertThat(lines(operator, "?subject=" + traineeId)).isNotEmpty()
                .allSatisfy(line -> assertThat(line.get("payload").toString()).contains(traineeId.toString()));
        assertThat(lines(operator, "?organization=" + globex)).isNotEmpty()
                .allSatisfy(line -> assertThat(line.get("payload").get("organizationId").asText()).isEqualTo(globex.toString()));
        long third = all.get(2).get("position").asLong();
        long fifth = all.get(4).get("position").asLong();
        assertThat(lines(operator, "?from=" + third + "&until=" + fifth)).extracting(line -> line.get("position").asLong())
                .containsExactly(third, all.get(3).get("position").asLong(), fifth);
        Instant at = Instant.parse(all.get(3).get("timestamp").asText());
        assertThat(lines(operator, "?fromTime=" + at + "&untilTime=" + at)).isNotEmpty()
                .allSatisfy(line -> assertThat(Instant.parse(line.get("timestamp").asText())).isEqualTo(at));
    }

    @Test
    void resumesFromACursorOverNdjsonAndSse() {
        List<JsonNode> all = lines(operator, "");
        long cursor = all.get(3).get("position").asLong();
        List<Long> rest = lines(operator, "?after=" + cursor + "&until=" + all.get(all.size() - 1).get("position").asLong())
                .stream().map(line -> line.get("position").asLong()).toList();
        assertThat(rest).isEqualTo(all.subList(4, all.size()).stream().map(line -> line.get("position").asLong()).toList());

        var events = api.query().get().uri("/api/audit/events?until=" + all.get(6).get("position").asLong())
                .headers(h -> h.setBearerAuth(operator)).header("Last-Event-ID", Long.toString(cursor))
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { }).getResponseBody();
        StepVerifier.create(events)
                .assertNext(event -> assertThat(event.id()).isEqualTo(all.get(4).get("position").asText()))
                .assertNext(event -> assertThat(parse(event.data()).get("position").asLong())
                        .isEqualTo(all.get(5).get("position").asLong()))
                .assertNext(event -> assertThat(event.id()).isEqualTo(all.get(6).get("position").asText()))
                .verifyComplete();
    }

    @Test
    void everyReadIsRecordedAsAnEvent() {
        String auditor = auditor(false);
        lines(auditor, "?types=MemberImported&subject=" + traineeId);
        List<JsonNode> reads = lines(operator, "?types=EventHistoryRead");
        JsonNode read = reads.stream().filter(line -> line.get("payload").get("readerId").asText()
                .equals(LocalApi.subjectOf(auditor).toString())).findFirst().orElseThrow();
        assertThat(read.get("payload").get("revealed").asBoolean()).isFalse();
        assertThat(read.get("payload").get("filter").get("subject").asText()).isEqualTo(traineeId.toString());
        assertThat(read.get("payload").get("types").get(0).asText()).isEqualTo("org.elearn.events.membership.MemberImported");
        assertThat(read.get("payload").get("readerRoles").toString()).contains("AUDITOR");
    }

    @Test
    void revealDecryptsForThoseAllowedAndErasedSubjectsStayErased() {
        String revealer = auditor(true);
        List<JsonNode> mine = lines(revealer, "?reveal=true&subject=" + traineeId + "&types=InvitationAccepted");
        assertThat(mine).singleElement().satisfies(line ->
                assertThat(line.get("payload").get("name").asText()).isEqualTo("TRAINEE Person"));
        assertThat(lines(operator, "?types=EventHistoryRead").stream()
                .filter(line -> line.get("payload").get("revealed").asBoolean())).isNotEmpty();
        api.query().get().uri("/api/audit/events?reveal=true").headers(h -> h.setBearerAuth(auditor(false)))
                .accept(MediaType.APPLICATION_NDJSON).exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        String email = "eve-" + UUID.randomUUID() + "@acme.example";
        UUID eve = LocalApi.subjectOf(api.joined(operator, alice.token(), acme, email, "TRAINEE"));
        assertThat(lines(revealer, "?reveal=true&subject=" + eve).toString()).contains(email);
        api.command().post().uri("/api/users/{id}/erasure", eve).headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<JsonNode> erased = lines(revealer, "?reveal=true&subject=" + eve);
            assertThat(erased.toString()).doesNotContain(email).doesNotContain("[redacted]");
            assertThat(erased.stream().filter(line -> line.get("type").asText().endsWith("InvitationAccepted")))
                    .singleElement().satisfies(line -> assertThat(line.get("payload").get("name").asText())
                            .isNotEqualTo("TRAINEE Person"));
            assertThat(lines(operator, "?subject=" + eve).toString()).doesNotContain(email).doesNotContain("[redacted]");
        });
    }

    @Test
    void anAdministratorReadsOnlyTheirOwnOrganization() {
        List<JsonNode> own = lines(alice.token(), "");
        assertThat(own).isNotEmpty().allSatisfy(line ->
                assertThat(line.get("payload").get("organizationId").asText()).isEqualTo(acme.toString()));
        api.query().get().uri("/api/audit/events?organization=" + globex).headers(h -> h.setBearerAuth(alice.token()))
                .accept(MediaType.APPLICATION_NDJSON).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aLimitEndsTheReadAfterThatManyLinesAndTheCursorGoesOn() {
        List<JsonNode> all = lines(operator, "?types=InvitationAccepted,MemberInvited,OrganizationRegistered");
        assertThat(all).hasSizeGreaterThan(3);
        long until = all.get(all.size() - 1).get("position").asLong();
        String filter = "?types=InvitationAccepted,MemberInvited,OrganizationRegistered&until=" + until;
        List<JsonNode> first = lines(operator, filter + "&limit=2");
        assertThat(first).extracting(line -> line.get("position").asLong())
                .containsExactly(all.get(0).get("position").asLong(), all.get(1).get("position").asLong());
        List<JsonNode> next = lines(operator, filter + "&limit=2&after=" + first.get(1).get("position").asLong());
        assertThat(next).extracting(line -> line.get("position").asLong())
                .containsExactly(all.get(2).get("position").asLong(), all.get(3).get("position").asLong());
        assertThat(lines(operator, filter + "&limit=10000")).hasSameSizeAs(all);
        // the limit counts the lines sent, not the rows read: rows left out by time do not use it up
        Instant second = Instant.parse(all.get(1).get("timestamp").asText());
        assertThat(lines(operator, filter + "&limit=1&fromTime=" + second)).singleElement()
                .satisfies(line -> assertThat(Instant.parse(line.get("timestamp").asText())).isAfterOrEqualTo(second));
    }

    @Test
    void badInputIsRefusedWithAProblem() {
        for (String query : List.of("?after=abc", "?from=-1", "?from=9&until=3", "?fromTime=yesterday",
                "?fromTime=2026-11-25T10:00:00Z&untilTime=2026-11-24T10:00:00Z", "?types=NoSuchThing",
                "?subject=not-a-uuid", "?reveal=maybe", "?colour=blue", "?aggregate=%20drop",
                "?aggregate=someone@example.com", "?limit=0", "?limit=10001", "?limit=ten")) {
            api.query().get().uri("/api/audit/events" + query).headers(h -> h.setBearerAuth(operator))
                    .accept(MediaType.APPLICATION_NDJSON).exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").isNotEmpty();
        }
        api.query().get().uri("/api/audit/events").headers(h -> h.setBearerAuth(
                        api.joined(operator, alice.token(), acme, "tom-" + UUID.randomUUID() + "@acme.example", "TRAINEE")))
                .accept(MediaType.APPLICATION_NDJSON).exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.query().get().uri("/api/audit/events").accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isUnauthorized();
    }
}
