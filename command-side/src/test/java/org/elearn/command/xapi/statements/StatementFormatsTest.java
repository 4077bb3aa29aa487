package org.elearn.command.xapi.statements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What statement queries index of a statement, and the formats a read answers in. */
class StatementFormatsTest {

    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode statement() throws Exception {
        return (ObjectNode) json.readTree("""
                {"id": "6f1c0a52-8d1e-4b8c-9a55-0d6c3f4b2a10",
                 "actor": {"objectType": "Agent", "name": "Ann", "mbox": "mailto:ann@example.com"},
                 "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted", "display": {"en-US": "attempted", "fr": "essayé"}},
                 "object": {"objectType": "SubStatement",
                            "actor": {"account": {"homePage": "https://h.example", "name": "b"}},
                            "verb": {"id": "http://v.example/x"},
                            "object": {"id": "https://a.example/inner"},
                            "context": {"contextActivities": {"other": {"id": "https://a.example/inner-other"}}}},
                 "context": {"registration": "0b9c6e70-3d7a-4c47-bc7c-5b0b7c6f6d21",
                             "instructor": {"mbox": "mailto:ivy@example.com", "name": "Ivy"},
                             "team": {"objectType": "Group", "member": [{"mbox": "mailto:x@example.com"}]},
                             "contextActivities": {"parent": [{"id": "https://a.example/p",
                                                               "definition": {"name": {"de": "Kurs", "en": "Course"}}}],
                                                   "grouping": {"id": "https://a.example/g"}}}}""");
    }

    @Test
    void factsNameEveryRelatedActivityAndIdentifiedAgent() throws Exception {
        StatementFacts facts = StatementFacts.of(statement());
        assertThat(facts.objectActivity()).isNull();
        assertThat(facts.objectAgent()).isNull();
        assertThat(facts.registration()).hasToString("0b9c6e70-3d7a-4c47-bc7c-5b0b7c6f6d21");
        assertThat(facts.activityIds()).containsExactlyInAnyOrder("https://a.example/inner",
                "https://a.example/inner-other", "https://a.example/p", "https://a.example/g");
        assertThat(facts.relatedAgents()).as("the anonymous team itself is left out, its identified member is in")
                .containsExactlyInAnyOrder(new Agent("account", "b", "https://h.example"),
                        new Agent("mbox", "mailto:ivy@example.com", null),
                        new Agent("mbox", "mailto:x@example.com", null));
    }

    @Test
    void idsKeepOnlyWhatIdentifies() throws Exception {
        ObjectNode ids = StatementFormats.IDS.apply(statement(), List.of());
        assertThat(ids.get("actor").toString()).isEqualTo("{\"objectType\":\"Agent\",\"mbox\":\"mailto:ann@example.com\"}");
        assertThat(ids.get("verb").toString()).isEqualTo("{\"id\":\"http://adlnet.gov/expapi/verbs/attempted\"}");
        assertThat(ids.at("/context/instructor").toString()).isEqualTo("{\"mbox\":\"mailto:ivy@example.com\"}");
        assertThat(ids.at("/context/team/member/0").toString()).isEqualTo("{\"mbox\":\"mailto:x@example.com\"}");
        assertThat(ids.at("/context/contextActivities/parent/0").toString()).isEqualTo("{\"id\":\"https://a.example/p\"}");
    }

    @Test
    void canonicalKeepsTheBestLanguageElseTheFirst() throws Exception {
        ObjectNode canonical = StatementFormats.CANONICAL.apply(statement(), Locale.LanguageRange.parse("fr-CA,en;q=0.5"));
        assertThat(canonical.at("/verb/display").toString()).isEqualTo("{\"fr\":\"essayé\"}");
        assertThat(canonical.at("/context/contextActivities/parent/0/definition/name").toString())
                .isEqualTo("{\"en\":\"Course\"}");
        ObjectNode none = StatementFormats.CANONICAL.apply(statement(), Locale.LanguageRange.parse("ja"));
        assertThat(none.at("/verb/display").toString()).isEqualTo("{\"en-US\":\"attempted\"}");
        assertThat(StatementFormats.EXACT.apply(statement(), List.of())).isEqualTo(statement());
    }
}
