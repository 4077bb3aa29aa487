package org.elearn.command.xapi.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.UUID;
import org.elearn.support.errors.DomainException;
import org.junit.jupiter.api.Test;

class StatementParserTest {

    private final ObjectMapper json = new ObjectMapper();

    private Statement parse(String text) throws Exception {
        return StatementParser.parse(json.readTree(text), 0);
    }

    private static long millis(String duration) {
        return StatementParser.durationMillis(new StatementParser.Context(0), TextNode.valueOf(duration));
    }

    @Test
    void durationsOfEveryIso8601FormAddUp() {
        assertThat(millis("PT1H30M")).isEqualTo(5_400_000);
        assertThat(millis("PT4.5S")).isEqualTo(4_500);
        assertThat(millis("P1DT2H")).isEqualTo(93_600_000);
        assertThat(millis("P1W")).isEqualTo(604_800_000);
        assertThat(millis("PT0S")).isZero();
        for (String bad : new String[] {"P", "PT", "1H", "PT-5S", "P1H", "PT1.5.5S", "90"}) {
            assertThatThrownBy(() -> millis(bad)).as(bad).isInstanceOf(DomainException.class)
                    .extracting(e -> ((DomainException) e).code()).isEqualTo("invalid-duration");
        }
    }

    @Test
    void absurdValuesAreRefusedNamingTheFieldAndTheStatement() throws Exception {
        String valid = """
                {"actor": {"account": {"homePage": "https://a.example", "name": "%s"}},
                 "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"}, "object": {"id": "%s"},
                 "result": {"duration": "%s", "response": "%s"}, "timestamp": "%s"}""";
        assertThat(parse(valid.formatted("ann", "https://x.example/a", "PT10000H", "r".repeat(4096),
                "1900-01-01T00:00:00Z")).durationMillis()).isEqualTo(36_000_000_000L);
        String[][] absurd = {
            {"ann", "https://x.example/a", "PT1S", "r", "+999999999-01-01T00:00:00Z", "invalid-timestamp", "timestamp"},
            {"ann", "https://x.example/a", "PT1S", "r", "-0001-01-01T00:00:00Z", "invalid-timestamp", "timestamp"},
            {"ann", "https://x.example/a", "P1000000Y", "r", "2026-01-01T00:00:00Z", "invalid-duration", "result.duration"},
            {"ann", "https://x.example/a", "PT10001H", "r", "2026-01-01T00:00:00Z", "invalid-duration", "result.duration"},
            {"n".repeat(513), "https://x.example/a", "PT1S", "r", "2026-01-01T00:00:00Z", "invalid-statement",
                "actor.account.name"},
            {"ann", "https://x.example/" + "a".repeat(2048), "PT1S", "r", "2026-01-01T00:00:00Z", "invalid-iri",
                "object.id"},
            {"ann", "https://x.example/a", "PT1S", "r".repeat(4097), "2026-01-01T00:00:00Z", "invalid-statement",
                "result.response"},
        };
        for (String[] c : absurd) {
            String text = valid.formatted(c[0], c[1], c[2], c[3], c[4]);
            assertThatThrownBy(() -> StatementParser.parse(json.readTree(text), 3)).as(c[5] + " " + c[6])
                    .isInstanceOf(DomainException.class)
                    .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo(c[5]))
                    .hasMessageContaining("Statement 3: " + c[6]);
        }
        assertThatThrownBy(() -> parse("""
                {"actor": {"mbox": "mailto:%s@example.com"},
                 "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"}, "object": {"id": "https://x.example/a"}}"""
                .formatted("a".repeat(310)))).isInstanceOf(DomainException.class).hasMessageContaining("actor.mbox");
        assertThatThrownBy(() -> parse("""
                {"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
                 "object": {"id": "https://x.example/a"}, "context": {"extensions": {"https://x.example/e": "%s"}}}"""
                .formatted("x".repeat(66_000)))).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("statement-too-large");
    }

    @Test
    void courseAndLessonAreReadFromTheActivityId() throws Exception {
        UUID course = UUID.randomUUID();
        UUID lesson = UUID.randomUUID();
        Statement s = parse("""
                {"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
                 "object": {"id": "https://lms.example/x/courses/%s/lessons/%s"},
                 "result": {"score": {"raw": 45, "min": 0, "max": 50}, "response": "42"},
                 "timestamp": "2026-11-25T10:00:00+01:00"}""".formatted(course, lesson));
        assertThat(s.courseId()).isEqualTo(course);
        assertThat(s.lessonId()).isEqualTo(lesson);
        assertThat(s.score()).isEqualTo(90);
        assertThat(s.response()).isEqualTo("42");
        assertThat(s.timestamp()).hasToString("2026-11-25T09:00:00Z");
        assertThat(s.json().get("id").asText()).isEqualTo(s.id().toString());
    }

    @Test
    void anActorNeedsExactlyOneIdentifier() {
        assertThatThrownBy(() -> parse("""
                {"actor": {"mbox": "mailto:a@example.com", "openid": "https://id.example/a"},
                 "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"}, "object": {"id": "https://x.example/a"}}"""))
                .isInstanceOf(DomainException.class).hasMessageContaining("exactly one identifier");
        assertThatThrownBy(() -> parse("""
                {"actor": {"mbox": "a@example.com"},
                 "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"}, "object": {"id": "https://x.example/a"}}"""))
                .isInstanceOf(DomainException.class).hasMessageContaining("mailto");
    }

    /** xAPI allows anonymous Groups; as actor the platform does not, since the subject's data must be erasable. */
    @Test
    void anAnonymousGroupIsRefusedAsActorButNotAsObject() throws Exception {
        String group = "{\"objectType\": \"Group\", \"member\": [{\"mbox\": \"mailto:m@example.com\"}]}";
        assertThatThrownBy(() -> parse("""
                {"actor": %s, "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
                 "object": {"id": "https://x.example/a"}}""".formatted(group)))
                .isInstanceOf(DomainException.class).hasMessageContaining("actor needs exactly one identifier");
        Statement about = parse("""
                {"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/mentored"},
                 "object": %s}""".formatted(group));
        assertThat(about.objectId()).isEqualTo("urn:xapi:agent");
    }

    @Test
    void agentsWithTheSameMailboxInAnyCaseAreOneIdentity() {
        assertThat(new Agent("mbox", "mailto:Ann@Example.com", null).canonical())
                .isEqualTo(new Agent("mbox", "mailto:ann@example.com", null).canonical());
        assertThat(new Agent("account", "Ann", "https://a.example").canonical())
                .isNotEqualTo(new Agent("account", "ann", "https://a.example").canonical());
    }

    @Test
    void userAgentsGiveACoarseDeviceAndClient() {
        UserAgents.Usage usage = UserAgents.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) "
                + "Gecko/20100101 Firefox/121.0");
        assertThat(usage.device()).isEqualTo("Windows computer");
        assertThat(usage.client()).isEqualTo("Firefox 121");
        assertThat(UserAgents.parse("TinCanJS/1.4 (iPhone; iOS 17)").client()).isEqualTo("TinCanJS 1");
        assertThat(UserAgents.parse(null).device()).isNull();
    }
}
