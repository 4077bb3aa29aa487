package org.elearn.command.xapi.statements;

import static java.time.temporal.ChronoUnit.MICROS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.elearn.command.CommandSideTest;
import org.elearn.command.xapi.XapiFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** xAPI voiding over HTTP, on a real PostgreSQL: what is voided, what is refused, and the events. */
@CommandSideTest
class XapiVoidingTest {

    static final String VOIDED_TYPE = "org.elearn.events.activity.StatementVoided";

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    ApplicationContext context;

    private XapiFixture xapi;
    private UUID organization;
    private String tag;
    private final String course = "https://lms.example/courses/" + UUID.randomUUID();
    private String admin;
    private Map<String, Object> credential;
    private Map<String, Object> ann;

    @BeforeEach
    void setUp() throws Exception {
        xapi = XapiFixture.in(context);
        organization = xapi.organization;
        tag = xapi.tag;
        admin = xapi.admin;
        ann = xapi.byAccount(xapi.importMember("ann-" + tag + "@example.com"));
        credential = xapi.issue().issued();
    }

    private WebTestClient.ResponseSpec post(Object body) {
        return post(body, credential);
    }

    private WebTestClient.ResponseSpec post(Object body, Map<String, Object> with) {
        return web.post().uri("/xapi/statements")
                .headers(h -> {
                    h.setBasicAuth(with.get("key").toString(), with.get("secret").toString());
                    h.set(XapiIngestionTest.VERSION, "1.0.3");
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private Map<String, Object> completion(Map<String, Object> actor) {
        return XapiIngestionTest.statement(actor, "completed", course);
    }

    private static Map<String, Object> voiding(Map<String, Object> actor, Object target) {
        return Map.of("id", UUID.randomUUID().toString(), "actor", actor,
                "verb", Map.of("id", "http://adlnet.gov/expapi/verbs/voided", "display", Map.of("en-US", "voided")),
                "object", Map.of("objectType", "StatementRef", "id", target.toString()));
    }

    private UUID voidedBy(Object statementId) {
        return jdbc.queryForObject("SELECT voided_by FROM xapi_statement WHERE statement_id = ?::uuid", UUID.class,
                statementId.toString());
    }

    private List<JsonNode> voidedEvents(Object statementId) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE payload_type = ?"
                        + " AND event_identifier = ?", String.class, VOIDED_TYPE,
                PlainEvents.voidedEventId(organization, UUID.fromString(statementId.toString()))).stream()
                .map(this::tree).toList();
    }

    private JsonNode recorded(Object statementId) {
        return tree(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE event_identifier = ?",
                String.class, PlainEvents.statementEventId(organization, UUID.fromString(statementId.toString()))));
    }

    private long organizationEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type IN (?, ?) "
                + "AND convert_from(payload, 'UTF8')::jsonb ->> 'organizationId' = ?", Long.class,
                XapiIngestionTest.STATEMENT_TYPE, VOIDED_TYPE, organization.toString());
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aVoidedStatementIsMarkedAndItsFiguresPublishedOnceAVoidingStatementIsStored() {
        var completion = completion(ann);
        post(completion).expectStatus().isOk();
        var voiding = voiding(ann, completion.get("id"));
        post(voiding).expectStatus().isOk();

        assertThat(voidedBy(completion.get("id"))).hasToString(voiding.get("id").toString());
        assertThat(voidedBy(voiding.get("id"))).as("the voiding statement itself is stored, not voided").isNull();
        List<JsonNode> events = voidedEvents(completion.get("id"));
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.get("voidingStatementId").asText()).isEqualTo(voiding.get("id"));
        assertThat(event.get("verbId").asText()).isEqualTo("http://adlnet.gov/expapi/verbs/completed");
        assertThat(event.get("objectId").asText()).isEqualTo(course);
        assertThat(event.get("courseId").asText()).isEqualTo(course.substring(course.lastIndexOf('/') + 1));
        assertThat(event.get("durationMillis").asLong()).isEqualTo(90_000);
        assertThat(event.get("score").asInt()).isEqualTo(85);
        assertThat(event.get("success").asBoolean()).isTrue();
        assertThat(event.get("member").asBoolean()).isTrue();
        assertThat(Instant.parse(event.get("timestamp").asText())).isEqualTo(Instant.parse("2026-11-25T10:15:30Z"));
        assertThat(Instant.parse(event.get("stored").asText())).as("progress is timed by it; kept to the microsecond")
                .isEqualTo(Instant.parse(recorded(completion.get("id")).get("stored").asText()).truncatedTo(MICROS));

        // voiding it again, or sending the same voiding statement again: stored, and nothing more happens
        var again = voiding(ann, completion.get("id"));
        post(again).expectStatus().isOk();
        post(voiding).expectStatus().isOk();
        assertThat(voidedBy(again.get("id"))).isNull();
        assertThat(voidedBy(completion.get("id"))).hasToString(voiding.get("id").toString());
        assertThat(voidedEvents(completion.get("id"))).hasSize(1);
    }

    @Test
    void aVoidingStatementCannotBeVoidedAndTheWholeBatchIsRefused() {
        var completion = completion(ann);
        var voiding = voiding(ann, completion.get("id"));
        post(List.of(completion, voiding)).expectStatus().isOk();
        long before = organizationEvents();

        var voidingTheVoiding = voiding(ann, voiding.get("id"));
        post(List.of(completion(ann), voidingTheVoiding)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:voiding-targets-voiding")
                .jsonPath("$.statement").isEqualTo(1);
        var selfVoiding = voiding(ann, "00000000-0000-0000-0000-000000000000");
        Map<String, Object> pointingAtItself = new java.util.HashMap<>(selfVoiding);
        pointingAtItself.put("object", Map.of("objectType", "StatementRef", "id", selfVoiding.get("id")));
        post(pointingAtItself).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:voiding-targets-voiding");
        assertThat(organizationEvents()).as("nothing stored").isEqualTo(before);
        assertThat(voidedBy(voiding.get("id"))).isNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM xapi_statement WHERE statement_id = ?::uuid", Long.class,
                voidingTheVoiding.get("id"))).isZero();
    }

    @Test
    void aVoidingStatementMustNameAStatementRef() {
        Map<String, Object> activity = new java.util.HashMap<>(voiding(ann, UUID.randomUUID()));
        activity.put("object", Map.of("objectType", "Activity", "id", course));
        post(activity).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:voiding-not-statement-ref");
        assertThat(organizationEvents()).isZero();
    }

    @Test
    void anUnknownTargetIsAcceptedAndTheStatementIsVoidedWhenItArrives() {
        var completion = completion(ann);
        var voiding = voiding(ann, completion.get("id"));
        post(voiding).expectStatus().isOk();
        assertThat(organizationEvents()).as("the voiding statement is stored").isEqualTo(1);
        assertThat(voidedEvents(completion.get("id"))).isEmpty();

        post(completion).expectStatus().isOk();
        assertThat(voidedBy(completion.get("id"))).hasToString(voiding.get("id").toString());
        assertThat(voidedEvents(completion.get("id"))).hasSize(1);
    }

    @Test
    void anotherOrganizationsStatementIsNotVoided() throws Exception {
        UUID other = UUID.randomUUID();
        var otherCredential = xapi.issue(other, xapi.adminOf(other), Map.of()).issued();
        var theirs = completion(Map.of("mbox", "mailto:someone-" + tag + "@example.org"));
        post(theirs, otherCredential).expectStatus().isOk();

        post(voiding(ann, theirs.get("id"))).expectStatus().isOk();
        assertThat(voidedBy(theirs.get("id"))).isNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = ? "
                + "AND convert_from(payload, 'UTF8')::jsonb ->> 'statementId' = ?", Long.class, VOIDED_TYPE,
                theirs.get("id"))).isZero();
    }

    /**
     * Every batch asks which of its statements a voiding statement names. PostgreSQL plans a prepared
     * statement generically after five executions, for any parameter values; that plan must still read
     * the partial index of voiding statements (V21). With the verb bound as a parameter it could not,
     * and every batch read the whole table (docs/benchmarks.md, xAPI ingestion).
     */
    @Test
    void whatVoidsABatchIsLookedUpInTheVoidingStatementsIndexInAGenericPlanToo() {
        String plan = jdbc.execute((ConnectionCallback<String>) con -> {
            try (java.sql.Statement st = con.createStatement()) {
                st.execute("SET plan_cache_mode = force_generic_plan");
                // a small test table is cheaper to scan: only an unusable index makes the planner scan
                st.execute("SET enable_seqscan = off");
                try {
                    st.execute("PREPARE voiding_lookup (uuid, text[]) AS "
                            + StatementVoiding.VOIDING_LOOKUP.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"));
                    StringBuilder lines = new StringBuilder();
                    try (ResultSet rs = st.executeQuery("EXPLAIN EXECUTE voiding_lookup ('" + organization
                            + "', '{urn:uuid:" + UUID.randomUUID() + "}')")) {
                        while (rs.next()) {
                            lines.append(rs.getString(1)).append('\n');
                        }
                    }
                    st.execute("DEALLOCATE voiding_lookup");
                    return lines.toString();
                } finally {
                    st.execute("RESET plan_cache_mode");
                    st.execute("RESET enable_seqscan");
                }
            }
        });
        assertThat(plan).contains("xapi_statement_voiding_idx").doesNotContain("Seq Scan");
    }

    @Test
    void aStatementWhoseSubjectWasErasedIsVoidedWithoutPersonalData() {
        Map<String, Object> stranger = Map.of("mbox", "mailto:gone-" + tag + "@example.org");
        var statement = completion(stranger);
        post(statement).expectStatus().isOk();
        web.post().uri("/xapi/agents/erasure").header(XapiIngestionTest.VERSION, "1.0.3")
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON).bodyValue(stranger)
                .exchange().expectStatus().isOk();

        post(voiding(ann, statement.get("id"))).expectStatus().isOk();
        List<JsonNode> events = voidedEvents(statement.get("id"));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("member").asBoolean()).isFalse();
        assertThat(events.get(0).toString()).doesNotContain("gone-" + tag);
    }

    /**
     * A statement and a voiding statement naming it, sent at the same moment in two batches: each is
     * inserted before the other commits, and whichever looks last must see the other (the
     * organization's voiding lock). Without the lock some rounds leave the statement unvoided.
     */
    @Test
    void aStatementAndItsVoidingStatementSentAtTheSameMomentMeetEachOther() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 30; round++) {
                var completion = completion(ann);
                var voiding = voiding(ann, completion.get("id"));
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> first = two.submit(() -> {
                    together.await();
                    post(completion).expectStatus().isOk();
                    return null;
                });
                Future<?> second = two.submit(() -> {
                    together.await();
                    post(voiding).expectStatus().isOk();
                    return null;
                });
                first.get(60, TimeUnit.SECONDS);
                second.get(60, TimeUnit.SECONDS);
                // both answered 200: both committed, so no wait is needed
                assertThat(voidedBy(completion.get("id"))).as("round %d", round)
                        .hasToString(voiding.get("id").toString());
                assertThat(voidedEvents(completion.get("id"))).as("round %d", round).hasSize(1);
            }
        } finally {
            two.shutdownNow();
        }
    }
}
