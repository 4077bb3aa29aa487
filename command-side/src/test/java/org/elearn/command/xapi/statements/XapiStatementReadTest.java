package org.elearn.command.xapi.statements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.elearn.command.CommandSideTest;
import org.elearn.command.xapi.XapiFixture;
import org.elearn.events.privacy.KeyVault;
import org.elearn.events.privacy.SubjectCipher;
import org.elearn.testsupport.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The Statement resource's reads over HTTP, on a real PostgreSQL: every parameter, paging, formats, privacy. */
@CommandSideTest
class XapiStatementReadTest {

    static final String VERSION = XapiIngestionTest.VERSION;
    static final String VERB = "http://adlnet.gov/expapi/verbs/";

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    ObjectMapper json;
    @Autowired
    MovableClock clock;
    @Autowired
    ApplicationContext context;

    private final UUID otherOrganization = UUID.randomUUID();
    private UUID organization;
    private String tag;
    private String homePage;
    private String admin;
    private XapiFixture xapi;
    private String key;
    private String secret;
    private String otherKey;
    private String otherSecret;
    private UUID ann;

    @BeforeEach
    void setUp() throws Exception {
        xapi = XapiFixture.in(context);
        organization = xapi.organization;
        tag = xapi.tag;
        homePage = xapi.homePage;
        admin = xapi.admin;
        ann = xapi.importMember("ann-" + tag + "@example.com");
        XapiFixture.Credential credential = xapi.issue();
        key = credential.key();
        secret = credential.secret();
        xapi.importMember(otherOrganization, "ann-" + tag + "@example.com");
        XapiFixture.Credential other = xapi.issue(otherOrganization, xapi.adminOf(otherOrganization), Map.of());
        otherKey = other.key();
        otherSecret = other.secret();
    }

    private Map<String, Object> issue(UUID org, String token, Map<String, Object> request) {
        return xapi.issue(org, token, request).issued();
    }

    private Map<String, Object> annByAccount() {
        return xapi.byAccount(ann);
    }

    private static Map<String, Object> byMbox(String email, String name) {
        return Map.of("mbox", "mailto:" + email, "name", name);
    }

    private static Map<String, Object> statement(Map<String, Object> actor, String verb, Object object) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("id", UUID.randomUUID().toString());
        statement.put("actor", actor);
        statement.put("verb", Map.of("id", VERB + verb, "display", Map.of("en-US", verb, "fr-FR", "fr-" + verb)));
        statement.put("object", object instanceof String id ? activity(id) : object);
        statement.put("timestamp", "2026-11-25T10:15:30.000Z");
        return statement;
    }

    private static Map<String, Object> activity(String id) {
        return Map.of("objectType", "Activity", "id", id, "definition",
                Map.of("name", Map.of("en-US", "Lesson", "de-DE", "Lektion"), "extensions",
                        Map.of("https://ext.example/x", Map.of("name", Map.of("en", "kept", "de", "bleibt")))));
    }

    private String post(Map<String, Object> statement) {
        return post(statement, key, secret);
    }

    private String post(Map<String, Object> statement, String user, String password) {
        web.post().uri("/xapi/statements").headers(h -> {
                    h.setBasicAuth(user, password);
                    h.set(VERSION, "1.0.3");
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(List.of(statement)).exchange()
                .expectStatus().isOk();
        return statement.get("id").toString();
    }

    private WebTestClient.ResponseSpec get(String query) {
        return get(query, key, secret);
    }

    private WebTestClient.ResponseSpec get(String query, String user, String password) {
        String uri = query.startsWith("/") ? query : "/xapi/statements?" + query;
        return web.get().uri(java.net.URI.create(uri)).headers(h -> {
            h.setBasicAuth(user, password);
            h.set(VERSION, "1.0.3");
        }).exchange();
    }

    /** The query with its values URL-encoded. */
    private static String q(Object... pairs) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            query.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(java.net.URLEncoder.encode(pairs[i + 1].toString(), StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private JsonNode body(WebTestClient.ResponseSpec spec) throws Exception {
        return json.readTree(spec.expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private List<String> ids(String query) throws Exception {
        List<String> ids = new ArrayList<>();
        body(get(query)).get("statements").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    @Test
    void aSingleStatementIsAnsweredWithWhatTheLrsSetAndItsHeaders() throws Exception {
        Map<String, Object> statement = statement(annByAccount(), "experienced", "https://content.example/a/" + tag);
        statement.put("stored", "2001-01-01T00:00:00Z");
        statement.put("authority", Map.of("mbox", "mailto:forged@example.com"));
        Instant before = clock.instant();
        String id = post(statement);
        Instant after = clock.instant();

        var answer = get(q("statementId", id)).expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(VERSION, "1.0.3")
                .expectHeader().exists(StatementReadController.CONSISTENT_THROUGH)
                .expectHeader().exists(HttpHeaders.LAST_MODIFIED)
                .expectBody(String.class).returnResult();
        JsonNode read = json.readTree(answer.getResponseBody());
        assertThat(read.get("id").asText()).isEqualTo(id);
        assertThat(read.at("/actor/account/name").asText()).isEqualTo(ann.toString());
        assertThat(read.at("/verb/id").asText()).isEqualTo(VERB + "experienced");
        Instant stored = Instant.parse(read.get("stored").asText());
        assertThat(stored).isBetween(before, after);
        assertThat(read.at("/authority/account/name").asText()).as("the credential, not the client's").isEqualTo(key);
        assertThat(read.at("/authority/account/homePage").asText()).isEqualTo(homePage);
        assertThat(read.get("version").asText()).isEqualTo("1.0.0");
        assertThat(answer.getResponseHeaders().getLastModified()).isEqualTo(stored.toEpochMilli() / 1000 * 1000);
        Instant through = Instant.parse(answer.getResponseHeaders().getFirst(StatementReadController.CONSISTENT_THROUGH));
        assertThat(through).isAfterOrEqualTo(stored);

        get(q("statementId", UUID.randomUUID())).expectStatus().isNotFound().expectBody()
                .jsonPath("$.type").isEqualTo("urn:elearn:problem:statement-not-found");
        get(q("voidedStatementId", id)).expectStatus().isNotFound();
        get(q("statementId", id, "format", "ids", "attachments", "false")).expectStatus().isOk();
        for (String other : List.of(q("verb", VERB + "x"), "limit=1", "voidedStatementId=" + id, "ascending=true")) {
            get(q("statementId", id) + "&" + other).expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.type").isEqualTo("urn:elearn:problem:invalid-query-parameter");
        }
        get(q("statementId", "not-a-uuid")).expectStatus().isBadRequest();
    }

    @Test
    void everyFilterSelectsItsStatements() throws Exception {
        String course = "https://content.example/c/" + tag;
        String lesson = course + "/l1";
        UUID registration = UUID.randomUUID();
        var stranger = byMbox("stranger-" + tag + "@example.org", "Stranger");
        // by ann, on the lesson, with the course as parent, registered, with the stranger as instructor
        var first = statement(annByAccount(), "completed", lesson);
        first.put("context", Map.of("registration", registration.toString(), "instructor", stranger,
                "contextActivities", Map.of("parent", List.of(Map.of("id", course)))));
        String a = post(first);
        clock.advance(Duration.ofSeconds(10));
        Instant between = clock.instant();
        clock.advance(Duration.ofSeconds(10));
        // by the stranger, about ann (ann by mbox as the object)
        String b = post(statement(stranger, "experienced", Map.of("objectType", "Agent",
                "mbox", "mailto:ANN-" + tag + "@example.com")));
        // a SubStatement naming the course
        String c = post(statement(stranger, "experienced", Map.of("objectType", "SubStatement",
                "actor", annByAccount(), "verb", Map.of("id", VERB + "attempted"), "object", Map.of("id", course))));
        String d = post(statement(annByAccount(), "experienced", course));

        String annAgent = json.writeValueAsString(Map.of("mbox", "mailto:ann-" + tag + "@example.com"));
        String strangerAgent = json.writeValueAsString(Map.of("mbox", "mailto:stranger-" + tag + "@example.org"));
        assertThat(ids(q("agent", annAgent))).as("actor or object").containsExactly(d, b, a);
        assertThat(ids(q("agent", json.writeValueAsString(annByAccount())))).containsExactly(d, b, a);
        assertThat(ids(q("agent", strangerAgent))).containsExactly(c, b);
        assertThat(ids(q("agent", strangerAgent, "related_agents", "true"))).as("the instructor too")
                .containsExactly(c, b, a);
        assertThat(ids(q("agent", annAgent, "related_agents", "true"))).as("a SubStatement's actor too")
                .containsExactly(d, c, b, a);
        assertThat(ids(q("verb", VERB + "completed", "agent", annAgent))).containsExactly(a);
        assertThat(ids(q("activity", course))).containsExactly(d);
        assertThat(ids(q("activity", course, "related_activities", "true"))).as("parent and SubStatement too")
                .containsExactly(d, c, a);
        assertThat(ids(q("activity", lesson))).containsExactly(a);
        assertThat(ids(q("registration", registration))).containsExactly(a);
        assertThat(ids(q("agent", annAgent, "since", between))).containsExactly(d, b);
        assertThat(ids(q("agent", annAgent, "until", between))).containsExactly(a);
        assertThat(ids(q("agent", annAgent, "ascending", "true"))).containsExactly(a, b, d);
        assertThat(ids(q("agent", annAgent, "limit", 2))).containsExactly(d, b);
        JsonNode all = body(get(q("agent", annAgent, "limit", 0)));
        assertThat(all.get("statements")).hasSize(3);
        assertThat(all.get("more").asText()).isEmpty();
        assertThat(ids(q("agent", json.writeValueAsString(Map.of("mbox", "mailto:nobody-" + tag + "@example.org")))))
                .isEmpty();
        String authority = json.writeValueAsString(Map.of("account", Map.of("homePage", homePage, "name", key)));
        assertThat(ids(q("agent", authority, "related_agents", "true"))).as("the authority: the credential")
                .containsExactly(d, c, b, a);
        assertThat(ids(q("agent", authority))).as("never an actor or object").isEmpty();
    }

    @Test
    void anAgentMatchesTheGroupsTheyAreAMemberOfAsXapiAsks() throws Exception {
        // xAPI 1.0.3 (Communication 2.1.3): "Groups that have members which match the specified Agent
        // ... are considered a match"; related_agents applies the same matching to the other positions
        String course = "https://content.example/g/" + tag;
        var stranger = byMbox("stranger-" + tag + "@example.org", "Stranger");
        var annByMbox = Map.<String, Object>of("mbox", "mailto:ANN-" + tag + "@example.com");
        // an identified group acting, ann among its members (by mbox, while the query names her account)
        String asActor = post(statement(Map.of("objectType", "Group", "name", "Team",
                "account", Map.of("homePage", "https://teams.example", "name", "team-" + tag),
                "member", List.of(annByMbox, stranger)), "completed", course));
        // an anonymous group as the object, ann a member
        String asObject = post(statement(stranger, "mentored", Map.of("objectType", "Group",
                "member", List.of(annByAccount()))));
        // ann's team in the context: a related agent only
        var inTeam = statement(stranger, "experienced", course);
        inTeam.put("context", Map.of("team", Map.of("objectType", "Group", "member", List.of(annByAccount()))));
        String asTeamMember = post(inTeam);
        // a group without ann
        String without = post(statement(Map.of("objectType", "Group", "mbox", "mailto:others-" + tag + "@example.org",
                "member", List.of(stranger)), "completed", course));

        String annAgent = json.writeValueAsString(annByAccount());
        assertThat(ids(q("agent", annAgent))).as("a member of the actor or the object")
                .containsExactly(asObject, asActor);
        assertThat(ids(q("agent", annAgent, "related_agents", "true"))).as("and of a related group")
                .containsExactly(asTeamMember, asObject, asActor);
        String strangerAgent = json.writeValueAsString(Map.of("mbox", "mailto:stranger-" + tag + "@example.org"));
        assertThat(ids(q("agent", strangerAgent))).as("the actor, or a member of the acting groups")
                .containsExactly(without, asTeamMember, asObject, asActor);
        String team = json.writeValueAsString(Map.of("objectType", "Group",
                "account", Map.of("homePage", "https://teams.example", "name", "team-" + tag)));
        assertThat(ids(q("agent", team))).as("the group itself, by its identifier").containsExactly(asActor);
        assertThat(ids(q("agent", annAgent, "verb", VERB + "completed"))).containsExactly(asActor);
    }

    /**
     * The ledger indexes the object activity and the verb by a 64-bit hash of the IRI (V32), which
     * costs ingestion far fewer index bytes than the IRI. The filters must still reach those indexes,
     * in a generic plan too (PostgreSQL's choice after five executions): the hash is an index
     * condition. Each index is checked alone, on a temporary copy of the table with only that index,
     * since on a small test table the planner may prefer another one.
     */
    @Test
    void theActivityAndVerbFiltersReadTheHashedIriIndexesInAGenericPlan() {
        assertThat(genericPlan("object_activity", "(uuid, text)", "organization_id = $1 AND "
                + StatementReads.iriEquals("object_activity").replace("?", "$2"),
                "'" + organization + "', 'https://content.example/p/" + tag + "'"))
                .contains("Index Cond: ((organization_id = $1) AND (hashtextextended(object_activity")
                .doesNotContain("Seq Scan");
        assertThat(genericPlan("verb_id", "(uuid, text)", "subject_id = $1 AND "
                + StatementReads.iriEquals("verb_id").replace("?", "$2"),
                "'" + ann + "', '" + VERB + "completed'"))
                .contains("Index Cond: ((subject_id = $1) AND (hashtextextended(verb_id")
                .doesNotContain("Seq Scan");
    }

    /** The generic plan of a select on a copy of the ledger whose only index is the one hashing {@code column}. */
    private String genericPlan(String column, String types, String where, String values) {
        return jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<String>) con -> {
            try (java.sql.Statement st = con.createStatement()) {
                st.execute("CREATE TEMP TABLE iri_plan (LIKE xapi_statement INCLUDING INDEXES)");
                try {
                    List<String> others = new ArrayList<>();
                    try (var rs = st.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'iri_plan' "
                            + "AND indexdef NOT LIKE '%hashtextextended(" + column + ",%'")) {
                        while (rs.next()) {
                            others.add(rs.getString(1));
                        }
                    }
                    for (String index : others) {
                        st.execute(index.equals("iri_plan_pkey") ? "ALTER TABLE iri_plan DROP CONSTRAINT iri_plan_pkey"
                                : "DROP INDEX pg_temp." + index);
                    }
                    st.execute("SET plan_cache_mode = force_generic_plan");
                    // an empty table is cheaper to scan: only an unusable index makes the planner scan
                    st.execute("SET enable_seqscan = off");
                    st.execute("PREPARE iri_filter " + types + " AS SELECT statement_id FROM iri_plan WHERE " + where);
                    StringBuilder lines = new StringBuilder();
                    try (var rs = st.executeQuery("EXPLAIN EXECUTE iri_filter (" + values + ")")) {
                        while (rs.next()) {
                            lines.append(rs.getString(1)).append('\n');
                        }
                    }
                    st.execute("DEALLOCATE iri_filter");
                    return lines.toString();
                } finally {
                    st.execute("RESET plan_cache_mode");
                    st.execute("RESET enable_seqscan");
                    st.execute("DROP TABLE iri_plan");
                }
            }
        });
    }

    @Test
    void aStatementIsReadFromItsEventAndOlderRowsFromTheirSealedCopyOrTheirEvent() throws Exception {
        Map<String, Object> statement = statement(byMbox("sealed-" + tag + "@example.com", "Sealed Person"),
                "experienced", "https://content.example/s/" + tag);
        String id = post(statement);
        byte[] kept = jdbc.queryForObject("SELECT statement_sealed FROM xapi_statement WHERE organization_id = ? "
                + "AND statement_id = ?", byte[].class, organization, UUID.fromString(id));
        assertThat(kept).as("no second copy on the row: the statement is read from its event").isEmpty();
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE event_identifier = ?",
                byte[].class, PlainEvents.statementEventId(organization, UUID.fromString(id)));
        assertThat(new String(payload, StandardCharsets.UTF_8)).as("sealed in the event, never in clear")
                .doesNotContain("sealed-" + tag).doesNotContain("Sealed Person");
        JsonNode fromEvent = body(get(q("statementId", id)));
        assertThat(fromEvent.at("/actor/mbox").asText()).isEqualTo("mailto:sealed-" + tag + "@example.com");
        assertThat(fromEvent.at("/authority/account/name").asText()).isEqualTo(key);
        assertThat(fromEvent.path("stored").asText()).isNotEmpty();

        // a row stored from V28 until the statement was read from its event: its own sealed copy
        UUID subject = jdbc.queryForObject("SELECT subject_id FROM xapi_statement WHERE organization_id = ? "
                + "AND statement_id = ?", UUID.class, organization, UUID.fromString(id));
        byte[] sealed = new SubjectCipher(context.getBean(KeyVault.class)).sealBytes(subject.toString(),
                StatementLedger.field(organization, UUID.fromString(id)),
                fromEvent.toString().getBytes(StandardCharsets.UTF_8));
        jdbc.update("UPDATE xapi_statement SET statement_sealed = ? WHERE organization_id = ? AND statement_id = ?",
                sealed, organization, UUID.fromString(id));
        assertThat(body(get(q("statementId", id)))).as("a row with a sealed copy").isEqualTo(fromEvent);

        jdbc.update("UPDATE xapi_statement SET statement_sealed = NULL WHERE organization_id = ? AND statement_id = ?",
                organization, UUID.fromString(id));
        assertThat(body(get(q("statementId", id)))).as("a row stored before the sealed copy").isEqualTo(fromEvent);
        assertThat(body(get(q("agent", json.writeValueAsString(Map.of("mbox", "mailto:sealed-" + tag + "@example.com")))))
                .get("statements").get(0)).isEqualTo(fromEvent);
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        for (String query : List.of("bogus=1", "limit=-1", "limit=many", "format=full", "ascending=yes",
                "agent=" + "%7Bnot-json", "agent=%7B%22name%22%3A%22x%22%7D", "verb=not-an-iri", "since=yesterday",
                "registration=42", "more=garbage", "limit=1&limit=2", "more=e30&limit=1")) {
            get(query).expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.type").isEqualTo("urn:elearn:problem:invalid-query-parameter");
        }
    }

    @Test
    void moreLinksPageThroughASnapshotWhileStatementsAreWritten() throws Exception {
        String activity = "https://content.example/p/" + tag;
        List<String> older = new ArrayList<>();
        // a transaction that takes its place in the order first and commits only after the first page:
        // the later pages, below it in the order, must not show it (it has no event: showing it would fail)
        try (Connection open = dataSource.getConnection()) {
            open.setAutoCommit(false);
            try (PreparedStatement ps = open.prepareStatement("""
                    INSERT INTO xapi_statement (organization_id, statement_id, subject_id, stored_at, verb_id,
                        object_activity, activity_ids, agent_ids, credential_key)
                    VALUES (?, ?, ?, now(), 'http://x.example/v', ?, ARRAY[?], ARRAY[?::uuid], 'xk_none')""")) {
                ps.setObject(1, organization);
                ps.setObject(2, UUID.randomUUID());
                ps.setObject(3, ann);
                ps.setString(4, activity);
                ps.setString(5, activity);
                ps.setObject(6, ann);
                ps.executeUpdate();
            }
            for (int i = 0; i < 5; i++) {
                older.add(post(statement(annByAccount(), "experienced", activity)));
            }
            List<String> shown = new ArrayList<>();
            JsonNode page = body(get(q("activity", activity, "limit", 2)));
            page.get("statements").forEach(s -> shown.add(s.get("id").asText()));
            open.commit();
            String late = post(statement(annByAccount(), "experienced", activity));
            while (!page.get("more").asText().isEmpty()) {
                String more = page.get("more").asText();
                assertThat(more).startsWith("/xapi/statements?more=");
                page = body(get(more));
                page.get("statements").forEach(s -> shown.add(s.get("id").asText()));
                post(statement(annByAccount(), "experienced", activity));
            }
            List<String> newestFirst = new ArrayList<>(older);
            java.util.Collections.reverse(newestFirst);
            assertThat(shown).as("newest first, each once, nothing stored after the first page")
                    .containsExactlyElementsOf(newestFirst).doesNotContain(late);
        }
        jdbc.update("DELETE FROM xapi_statement WHERE organization_id = ? AND credential_key = 'xk_none'", organization);
        List<String> ascending = new ArrayList<>();
        JsonNode page = body(get(q("activity", activity, "limit", 3, "ascending", "true", "format", "ids")));
        page.get("statements").forEach(s -> ascending.add(s.get("id").asText()));
        assertThat(page.at("/statements/0/verb/display").isMissingNode()).isTrue();
        String more = page.get("more").asText();
        page = body(get(more));
        page.get("statements").forEach(s -> ascending.add(s.get("id").asText()));
        assertThat(page.at("/statements/0/verb/display").isMissingNode()).as("the link keeps the format").isTrue();
        assertThat(ascending.subList(0, 5)).containsExactlyElementsOf(older);
        get(more, otherKey, otherSecret).expectStatus().isOk().expectBody()
                .jsonPath("$.statements.length()").isEqualTo(0);
    }

    @Test
    void formatsShapeAgentsActivitiesVerbsAndLanguages() throws Exception {
        String id = post(statement(byMbox("fmt-" + tag + "@example.org", "Fay Format"), "experienced",
                "https://content.example/f/" + tag));
        JsonNode exact = body(get(q("statementId", id)));
        assertThat(exact.at("/actor/name").asText()).isEqualTo("Fay Format");
        assertThat(exact.at("/verb/display")).hasSize(2);

        JsonNode ids = body(get(q("statementId", id, "format", "ids")));
        assertThat(ids.get("actor").has("name")).isFalse();
        assertThat(ids.at("/actor/mbox").asText()).isEqualTo("mailto:fmt-" + tag + "@example.org");
        assertThat(ids.get("verb").has("display")).isFalse();
        assertThat(ids.get("object").has("definition")).isFalse();
        assertThat(ids.at("/object/id").asText()).isEqualTo("https://content.example/f/" + tag);

        JsonNode canonical = json.readTree(web.get().uri("/xapi/statements?" + q("statementId", id, "format", "canonical"))
                .headers(h -> {
                    h.setBasicAuth(key, secret);
                    h.set(VERSION, "1.0.3");
                    h.set(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR, de-DE;q=0.8");
                }).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(canonical.at("/verb/display").toString()).isEqualTo("{\"fr-FR\":\"fr-experienced\"}");
        assertThat(canonical.at("/object/definition/name").toString()).isEqualTo("{\"de-DE\":\"Lektion\"}");
        assertThat(canonical.at("/object/definition/extensions/https:~1~1ext.example~1x/name")).as("extensions untouched")
                .hasSize(2);
        assertThat(canonical.at("/actor/name").asText()).isEqualTo("Fay Format");

        var multipart = get(q("statementId", id, "attachments", "true")).expectStatus().isOk()
                .expectBody(String.class).returnResult();
        assertThat(multipart.getResponseHeaders().getContentType().toString()).startsWith("multipart/mixed");
        assertThat(multipart.getResponseBody()).contains("Content-Type: application/json").contains(id);
    }

    @Test
    void anotherOrganizationsStatementsAreNeverVisible() throws Exception {
        String id = post(statement(annByAccount(), "experienced", "https://content.example/o/" + tag));
        get(q("statementId", id), otherKey, otherSecret).expectStatus().isNotFound();
        String annAgent = json.writeValueAsString(Map.of("mbox", "mailto:ann-" + tag + "@example.com"));
        JsonNode theirs = body(get(q("agent", annAgent), otherKey, otherSecret));
        assertThat(theirs.get("statements")).as("the same address is another subject there").isEmpty();
        JsonNode all = body(get(q("activity", "https://content.example/o/" + tag), otherKey, otherSecret));
        assertThat(all.get("statements")).isEmpty();
        assertThat(ids(q("activity", "https://content.example/o/" + tag))).containsExactly(id);
    }

    @Test
    void voidedStatementsLeaveQueriesAndAreFoundOnlyAsVoided() throws Exception {
        String activity = "https://content.example/v/" + tag;
        String target = post(statement(annByAccount(), "experienced", activity));
        String voiding = post(statement(annByAccount(), "voided", Map.of("objectType", "StatementRef", "id", target)));
        String kept = post(statement(annByAccount(), "experienced", activity));

        get(q("statementId", target)).expectStatus().isNotFound();
        assertThat(body(get(q("voidedStatementId", target))).get("id").asText()).isEqualTo(target);
        assertThat(ids(q("activity", activity))).as("the voiding statement targets a statement about the activity")
                .containsExactly(kept, voiding);
        assertThat(ids(q("verb", VERB + "voided", "agent", json.writeValueAsString(annByAccount()))))
                .as("the voiding statement, a StatementRef to it, is still returned").containsExactly(voiding);
    }

    @Test
    void afterTheActorsErasureTheirStatementsReadInAnErasedForm() throws Exception {
        var stranger = byMbox("gone-" + tag + "@example.org", "Gone Person");
        Map<String, Object> statement = statement(stranger, "completed", "https://content.example/e/" + tag);
        statement.put("result", Map.of("response", "secret answer " + tag));
        String id = post(statement);
        assertThat(body(get(q("statementId", id))).at("/actor/name").asText()).isEqualTo("Gone Person");

        web.post().uri("/xapi/agents/erasure").header(VERSION, "1.0.3").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(stranger).exchange().expectStatus().isOk();

        JsonNode erased = body(get(q("statementId", id)));
        assertThat(erased.get("id").asText()).isEqualTo(id);
        assertThat(erased.at("/actor/account/name").asText()).isEqualTo(StatementReads.ERASED_NAME);
        assertThat(erased.at("/verb/id").asText()).isEqualTo(VERB + "completed");
        assertThat(erased.at("/object/id").asText()).isEqualTo("https://content.example/e/" + tag);
        assertThat(erased.get("timestamp").asText()).isEqualTo("2026-11-25T10:15:30Z");
        assertThat(erased.has("stored")).isTrue();
        assertThat(erased.toString()).doesNotContain("gone-" + tag).doesNotContain("Gone Person")
                .doesNotContain("secret answer");
        JsonNode listed = body(get(q("activity", "https://content.example/e/" + tag)));
        assertThat(listed.get("statements").get(0)).isEqualTo(erased);
    }

    @Test
    void aCredentialThatMayReadOnlyItsOwnSeesOnlyTheStatementsItStored() throws Exception {
        Map<String, Object> mine = issue(organization, admin, Map.of("label", "mine " + tag,
                "scopes", List.of("statements/write", "statements/read/mine")));
        String mineKey = mine.get("key").toString();
        String mineSecret = mine.get("secret").toString();
        String activity = "https://content.example/m/" + tag;
        String theirs = post(statement(annByAccount(), "experienced", activity));
        String own = post(statement(annByAccount(), "experienced", activity), mineKey, mineSecret);

        List<String> seen = new ArrayList<>();
        body(get(q("activity", activity), mineKey, mineSecret)).get("statements")
                .forEach(s -> seen.add(s.get("id").asText()));
        assertThat(seen).containsExactly(own);
        assertThat(body(get(q("statementId", own), mineKey, mineSecret)).at("/authority/account/name").asText())
                .isEqualTo(mineKey);
        get(q("statementId", theirs), mineKey, mineSecret).expectStatus().isNotFound();
        assertThat(ids(q("activity", activity))).as("the default scopes read only one's own too")
                .containsExactly(theirs);
        Map<String, Object> reader = issue(organization, admin, Map.of("label", "reader " + tag,
                "scopes", List.of("statements/read")));
        List<String> all = new ArrayList<>();
        body(get(q("activity", activity), reader.get("key").toString(), reader.get("secret").toString()))
                .get("statements").forEach(s -> all.add(s.get("id").asText()));
        assertThat(all).as("a credential with statements/read sees both").containsExactly(own, theirs);
    }
}
