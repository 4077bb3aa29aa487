package org.elearn.command.xapi.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.elearn.support.errors.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule family of the statement tables: a valid and an invalid case each, with the code and the path. */
class StatementValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REMOVE = "<remove>";
    /** What a context may only say when the object is an Activity. */
    private static final String[] NOT_ABOUT_AN_ACTIVITY = {"/context/revision", "/context/platform"};
    private static final String SHA2 = "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a";

    /** Every optional part of a statement, each valid. */
    private static final String FULL = """
            {"id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee",
             "actor": {"objectType": "Agent", "name": "Ann", "mbox": "mailto:ann@example.com"},
             "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
             "object": {"objectType": "Activity", "id": "http://example.com/q/1",
               "definition": {"name": {"en-US": "Q1"}, "description": {"en-GB": "One"},
                 "type": "http://adlnet.gov/expapi/activities/cmi.interaction", "moreInfo": "http://example.com/more",
                 "interactionType": "choice", "correctResponsesPattern": ["a"],
                 "choices": [{"id": "a", "description": {"en-US": "A"}}, {"id": "b"}],
                 "extensions": {"http://example.com/ext": null}}},
             "result": {"score": {"scaled": 0.5, "raw": 5, "min": 0, "max": 10}, "success": true, "completion": false,
               "response": "a", "duration": "PT1M", "extensions": {"http://example.com/r": 1}},
             "context": {"registration": "0b1e2a3c-1234-4def-8abc-0123456789ab",
               "instructor": {"mbox": "mailto:t@example.com"},
               "team": {"objectType": "Group", "name": "Blue", "member": [{"mbox": "mailto:b@example.com"}]},
               "contextActivities": {"parent": [{"id": "http://example.com/course"}],
                 "grouping": {"objectType": "Activity", "id": "http://example.com/g"}},
               "revision": "1", "platform": "web", "language": "zh-Hant-TW",
               "statement": {"objectType": "StatementRef", "id": "1b1e2a3c-1234-4def-8abc-0123456789ab"},
               "extensions": {"http://example.com/c": "x"}},
             "timestamp": "2026-01-01T10:00:00.000Z", "stored": "2026-01-01T10:00:01+01:00",
             "authority": {"objectType": "Agent", "account": {"homePage": "http://lrs.example.com", "name": "lms"}},
             "version": "1.0.3",
             "attachments": [{"usageType": "http://example.com/usage", "display": {"en-US": "a"},
               "description": {"en-US": "d"}, "contentType": "text/plain", "length": 27, "sha2": "%s",
               "fileUrl": "http://example.com/f.txt"}]}""".formatted(SHA2);

    private static final String SUB_STATEMENT = """
            {"objectType": "SubStatement", "actor": {"openid": "http://id.example.com/bo"},
             "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"},
             "object": {"id": "http://example.com/q/2"}, "timestamp": "2026-01-01T09:00:00Z",
             "context": {"revision": "2"}, "result": {"success": true}}""";

    static Stream<Arguments> valid() {
        return Stream.of(
                valid("every property", "/version", "\"1.0.3\""),
                valid("version 1.0", "/version", "\"1.0\""),
                valid("an Agent by account", "/actor", "{\"account\": {\"homePage\": \"http://a.example\", \"name\": \"x\"}}"),
                valid("an Agent by SHA-1", "/actor", "{\"mbox_sha1sum\": \"" + "ab".repeat(20) + "\"}"),
                valid("an identified Group", "/actor", "{\"objectType\": \"Group\", \"openid\": \"http://g.example\"}"),
                valid("an anonymous Group as object", "/object",
                        "{\"objectType\": \"Group\", \"member\": [{\"mbox\": \"mailto:m@example.com\"}]}",
                        NOT_ABOUT_AN_ACTIVITY[0], REMOVE, NOT_ABOUT_AN_ACTIVITY[1], REMOVE),
                valid("an Agent as object", "/object", "{\"objectType\": \"Agent\", \"mbox\": \"mailto:o@example.com\"}",
                        NOT_ABOUT_AN_ACTIVITY[0], REMOVE, NOT_ABOUT_AN_ACTIVITY[1], REMOVE),
                valid("a SubStatement", "/object", SUB_STATEMENT,
                        NOT_ABOUT_AN_ACTIVITY[0], REMOVE, NOT_ABOUT_AN_ACTIVITY[1], REMOVE),
                valid("voiding a StatementRef", "/verb", "{\"id\": \"http://adlnet.gov/expapi/verbs/voided\"}",
                        "/object", "{\"objectType\": \"StatementRef\", \"id\": \"2b1e2a3c-1234-4def-8abc-0123456789ab\"}",
                        "/context", "{}"),
                valid("likert with a scale", "/object/definition",
                        "{\"interactionType\": \"likert\", \"scale\": [{\"id\": \"1\"}, {\"id\": \"2\"}]}"),
                valid("matching with source and target", "/object/definition",
                        "{\"interactionType\": \"matching\", \"source\": [{\"id\": \"a\"}], \"target\": [{\"id\": \"a\"}]}"),
                valid("performance with steps", "/object/definition",
                        "{\"interactionType\": \"performance\", \"steps\": [{\"id\": \"s\"}]}"),
                valid("a private-use and a grandfathered tag", "/verb/display",
                        "{\"x-klingon\": \"a\", \"i-klingon\": \"b\", \"sgn-BE-FR\": \"c\", \"de-CH-1996\": \"d\"}"),
                valid("a timestamp with ±hhmm", "/timestamp", "\"2026-01-01T10:00:00.123+0530\""),
                valid("a timestamp with ±hh", "/timestamp", "\"2026-01-01T10:00:00-05\""),
                valid("a timestamp beyond nanoseconds", "/timestamp", "\"2026-01-01T10:00:00.1234567891234Z\""),
                valid("a timestamp with +00:00", "/timestamp", "\"2026-01-01T10:00:00+00:00\""),
                valid("a timestamp without zone (read as UTC)", "/timestamp", "\"2026-01-01T10:00:00\""),
                valid("raw with only max", "/result/score", "{\"raw\": -5, \"max\": 0}"),
                valid("an authority of two Agents (OAuth)", "/authority",
                        "{\"objectType\": \"Group\", \"member\": [{\"mbox\": \"mailto:app@example.com\"},"
                                + " {\"account\": {\"homePage\": \"http://a.example\", \"name\": \"u\"}}]}"),
                valid("an instructor Group", "/context/instructor",
                        "{\"objectType\": \"Group\", \"mbox\": \"mailto:g@example.com\"}"),
                valid("extensions may be empty or hold null", "/result/extensions", "{}"),
                valid("no attachments", "/attachments", "[]"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // the statement
                row("unknown top-level property", "/Actor", "{}", "invalid-statement", "Actor"),
                row("missing actor", "/actor", REMOVE, "missing-field", "actor"),
                row("null actor", "/actor", "null", "missing-field", "actor"),
                row("null context", "/context", "null", "invalid-statement", "context"),
                row("id not a UUID", "/id", "\"MA97B177-9383-4934-8543-0F91A7A02836\"", "invalid-uuid", "id"),
                row("id a number", "/id", "12345", "invalid-statement", "id"),
                row("version 2.0", "/version", "\"2.0.0\"", "invalid-statement", "version"),
                row("version 1.0.x as a number", "/version", "1.0", "invalid-statement", "version"),
                row("attachments not an array", "/attachments", "{}", "invalid-statement", "attachments"),
                row("stored not a timestamp", "/stored", "\"yesterday\"", "invalid-timestamp", "stored"),
                // timestamps
                row("timestamp -00:00", "/timestamp", "\"2008-09-15T15:53:00.601-00:00\"", "invalid-timestamp", "timestamp"),
                row("timestamp -0000", "/timestamp", "\"2008-09-15T15:53:00.601-0000\"", "invalid-timestamp", "timestamp"),
                row("timestamp -00", "/timestamp", "\"2008-09-15T15:53:00.601-00\"", "invalid-timestamp", "timestamp"),
                row("timestamp not a date", "/timestamp", "\"01/011/2015\"", "invalid-timestamp", "timestamp"),
                row("timestamp 30 February", "/timestamp", "\"2026-02-30T10:00:00Z\"", "invalid-timestamp", "timestamp"),
                // agents and groups
                row("numeric actor name", "/actor/name", "12345", "invalid-statement", "actor.name"),
                row("openid beside mbox", "/actor/openid", "\"http://id.example.com/a\"", "invalid-statement", "actor"),
                row("mbox without mailto:", "/actor/mbox", "\"ann@example.com\"", "invalid-iri", "actor.mbox"),
                row("actor objectType in the wrong case", "/actor/objectType", "\"agent\"", "invalid-statement",
                        "actor.objectType"),
                row("an Agent with member", "/actor/member", "[]", "invalid-statement", "actor.member"),
                row("account without homePage", "/actor", "{\"account\": {\"name\": \"x\"}}", "missing-field",
                        "actor.account.homePage"),
                row("account name an object", "/actor", "{\"account\": {\"homePage\": \"http://a.example\", \"name\": {}}}",
                        "invalid-statement", "actor.account.name"),
                row("mbox_sha1sum not hex", "/actor", "{\"mbox_sha1sum\": \"xyz\"}", "invalid-statement",
                        "actor.mbox_sha1sum"),
                row("Group with two identifiers", "/actor", "{\"objectType\": \"Group\", \"mbox\": \"mailto:g@example.com\","
                        + " \"openid\": \"http://g.example\"}", "invalid-statement", "actor"),
                row("anonymous Group without member", "/object", "{\"objectType\": \"Group\"}", "missing-field",
                        "object.member"),
                row("Group in a Group", "/context/team/member/0", "{\"objectType\": \"Group\", \"mbox\": \"mailto:g@example.com\"}",
                        "invalid-statement", "context.team.member[0].objectType"),
                row("Agent as object without objectType", "/object", "{\"mbox\": \"mailto:o@example.com\"}",
                        "missing-field", "object.id"),
                // verb
                row("verb display a string", "/verb/display", "\"answered\"", "invalid-statement", "verb.display"),
                row("verb display empty", "/verb/display", "{}", "invalid-statement", "verb.display"),
                row("verb display tag not RFC 5646", "/verb/display", "{\"a12345\": \"x\"}", "invalid-statement",
                        "verb.display.a12345"),
                row("verb display value null", "/verb/display", "{\"en-US\": null}", "invalid-statement",
                        "verb.display.en-US", "$.verb.display['en-US']"),
                row("verb id not an IRI", "/verb/id", "\"ab=c://should.fail.com\"", "invalid-iri", "verb.id"),
                row("voided verb with an Activity", "/verb/id", "\"http://adlnet.gov/expapi/verbs/voided\"",
                        "voiding-not-statement-ref", "object.objectType"),
                // object and definition
                row("object objectType unknown", "/object/objectType", "\"activity\"", "invalid-statement",
                        "object.objectType"),
                row("object objectType a number", "/object/objectType", "1", "invalid-statement", "object.objectType"),
                row("definition a string", "/object/definition", "\"x\"", "invalid-statement", "object.definition"),
                row("definition name a string", "/object/definition/name", "\"Q1\"", "invalid-statement",
                        "object.definition.name"),
                row("definition type not an IRI", "/object/definition/type", "\"should error\"", "invalid-iri",
                        "object.definition.type"),
                row("definition moreInfo null", "/object/definition/moreInfo", "null", "invalid-statement",
                        "object.definition.moreInfo"),
                row("interactionType in the wrong case", "/object/definition/interactionType", "\"Choice\"",
                        "invalid-statement", "object.definition.interactionType"),
                row("choices without interactionType", "/object/definition/interactionType", REMOVE, "missing-field",
                        "object.definition.interactionType"),
                row("scale with choice", "/object/definition/scale", "[{\"id\": \"1\"}]", "invalid-statement",
                        "object.definition.scale"),
                row("component ids repeated", "/object/definition/choices/1/id", "\"a\"", "invalid-statement",
                        "object.definition.choices[1].id"),
                row("component id an object", "/object/definition/choices/1/id", "{}", "invalid-statement",
                        "object.definition.choices[1].id"),
                row("component description a string", "/object/definition/choices/0/description", "\"A\"",
                        "invalid-statement", "object.definition.choices[0].description"),
                row("correctResponsesPattern numbers", "/object/definition/correctResponsesPattern", "[1]",
                        "invalid-statement", "object.definition.correctResponsesPattern[0]"),
                row("extension key not an IRI", "/object/definition/extensions", "{\"location\": 1}", "invalid-iri",
                        "object.definition.extensions.location"),
                row("StatementRef without id", "/object", "{\"objectType\": \"StatementRef\"}", "missing-field",
                        "object.id"),
                // result and score
                row("success a string", "/result/success", "\"true\"", "invalid-statement", "result.success"),
                row("completion a string", "/result/completion", "\"false\"", "invalid-statement", "result.completion"),
                row("scaled above 1", "/result/score/scaled", "1.5", "invalid-statement", "result.score.scaled"),
                row("max a string", "/result/score/max", "\"100\"", "invalid-statement", "result.score.max"),
                row("min not below max", "/result/score/min", "10", "invalid-statement", "result.score.min"),
                row("raw above max", "/result/score/raw", "11", "invalid-statement", "result.score.raw"),
                row("duration not ISO 8601", "/result/duration", "\"90 seconds\"", "invalid-duration", "result.duration"),
                row("unknown result property", "/result/grade", "\"A\"", "invalid-statement", "result.grade"),
                // context
                row("revision with an Agent object", "/object", "{\"objectType\": \"Agent\", \"mbox\": \"mailto:o@example.com\"}",
                        "invalid-statement", "context.revision"),
                row("team an Agent", "/context/team", "{\"mbox\": \"mailto:t@example.com\"}", "missing-field",
                        "context.team.objectType"),
                row("team objectType Agent", "/context/team", "{\"objectType\": \"Agent\", \"mbox\": \"mailto:t@example.com\"}",
                        "invalid-statement", "context.team.objectType"),
                row("instructor with two identifiers", "/context/instructor/openid", "\"http://id.example\"",
                        "invalid-statement", "context.instructor"),
                row("context statement an Activity", "/context/statement", "{\"id\": \"http://example.com/a\"}",
                        "missing-field", "context.statement.objectType"),
                row("contextActivities of a string", "/context/contextActivities/parent", "\"http://example.com/c\"",
                        "invalid-statement", "context.contextActivities.parent"),
                row("contextActivities empty", "/context/contextActivities", "{}", "invalid-statement",
                        "context.contextActivities"),
                row("contextActivities key unknown", "/context/contextActivities/sibling", "[]", "invalid-statement",
                        "context.contextActivities.sibling"),
                row("contextActivities id not an IRI", "/context/contextActivities/parent/0/id", "\"x\"", "invalid-iri",
                        "context.contextActivities.parent[0].id"),
                row("registration not a UUID", "/context/registration", "\"r\"", "invalid-uuid", "context.registration"),
                row("language not a tag", "/context/language", "\"english!\"", "invalid-statement", "context.language"),
                // authority
                row("authority objectType a number", "/authority/objectType", "1", "invalid-statement",
                        "authority.objectType"),
                row("authority Group of one", "/authority", "{\"objectType\": \"Group\", \"member\": [{\"mbox\": \"mailto:a@example.com\"}]}",
                        "invalid-statement", "authority.member"),
                // attachments
                row("attachment usageType not an IRI", "/attachments/0/usageType", "\"usage\"", "invalid-iri",
                        "attachments[0].usageType"),
                row("attachment display a string", "/attachments/0/display", "\"a\"", "invalid-statement",
                        "attachments[0].display"),
                row("attachment contentType a number", "/attachments/0/contentType", "1", "invalid-statement",
                        "attachments[0].contentType"),
                row("attachment length a string", "/attachments/0/length", "\"27\"", "invalid-statement",
                        "attachments[0].length"),
                row("attachment length a fraction", "/attachments/0/length", "2.5", "invalid-statement",
                        "attachments[0].length"),
                row("attachment sha2 a number", "/attachments/0/sha2", "1", "invalid-statement", "attachments[0].sha2"),
                row("attachment without sha2", "/attachments/0/sha2", REMOVE, "missing-field", "attachments[0].sha2"),
                row("attachment fileUrl not an IRL", "/attachments/0/fileUrl", "\"file.txt\"", "invalid-iri",
                        "attachments[0].fileUrl"),
                // SubStatement
                row("SubStatement in a SubStatement", "/object", SUB_STATEMENT.replace(
                        "{\"id\": \"http://example.com/q/2\"}", SUB_STATEMENT), "invalid-statement", "object.object.objectType"),
                row("SubStatement with id", "/object", SUB_STATEMENT.replace("{\"objectType\"",
                        "{\"id\": \"6690e6c9-3ef0-4ed3-8b37-7f3964730bee\", \"objectType\""), "invalid-statement", "object.id"),
                row("SubStatement with authority", "/object", SUB_STATEMENT.replace("{\"objectType\"",
                        "{\"authority\": {\"mbox\": \"mailto:a@example.com\"}, \"objectType\""), "invalid-statement",
                        "object.authority"),
                row("SubStatement timestamp -00:00", "/object", SUB_STATEMENT.replace("09:00:00Z", "09:00:00-00:00"),
                        "invalid-timestamp", "object.timestamp"),
                row("SubStatement revision with a StatementRef", "/object", SUB_STATEMENT.replace(
                        "{\"id\": \"http://example.com/q/2\"}",
                        "{\"objectType\": \"StatementRef\", \"id\": \"2b1e2a3c-1234-4def-8abc-0123456789ab\"}"),
                        "invalid-statement", "object.context.revision"));
    }

    private static Arguments valid(String name, String... changes) {
        return Arguments.of(name, List.of(changes));
    }

    private static Arguments row(String name, String pointer, String value, String code, String field) {
        return row(name, pointer, value, code, field, "$." + field);
    }

    private static Arguments row(String name, String pointer, String value, String code, String field, String path) {
        return Arguments.of(name, pointer, value, code, field, path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validStatementsPass(String name, List<String> changes) throws Exception {
        ObjectNode statement = (ObjectNode) JSON.readTree(FULL);
        for (int i = 0; i + 1 < changes.size(); i += 2) {
            set(statement, changes.get(i), changes.get(i + 1));
        }
        assertThatCode(() -> StatementValidator.validate(statement, 0)).as(name).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidStatementsAreRefusedWithTheirCodeAndPath(String name, String pointer, String value, String code,
                                                         String field, String path) throws Exception {
        ObjectNode statement = with(pointer, value);
        DomainException refusal = catchThrowableOfType(() -> StatementValidator.validate(statement, 7),
                DomainException.class);
        assertThat(refusal).as(name).isNotNull();
        assertThat(refusal.code()).as(name).isEqualTo(code);
        assertThat(refusal.properties()).as(name)
                .containsEntry("statementIndex", 7)
                .containsEntry("field", field)
                .containsEntry("path", path);
        assertThat(refusal.getMessage()).startsWith("Statement 7: " + field + " ");
    }

    @Test
    void theJsonPathQuotesNamesThatAreNotIdentifiers() throws Exception {
        ObjectNode statement = with("/result/extensions", "{\"not an iri\": 1}");
        DomainException refusal = catchThrowableOfType(() -> StatementValidator.validate(statement, 0),
                DomainException.class);
        assertThat(refusal.properties()).containsEntry("field", "result.extensions.not an iri")
                .containsEntry("path", "$.result.extensions['not an iri']");
    }

    @Test
    void languageTagsFollowRfc5646() {
        for (String tag : new String[] {"en", "en-US", "zh-Hant-TW", "sr-Latn-RS", "es-419", "de-CH-1996", "x-private",
            "en-a-bbb-x-a-ccc", "i-klingon", "zh-min-nan", "haw"}) {
            assertThat(XapiValues.languageTag(tag)).as(tag).isTrue();
        }
        for (String tag : new String[] {"", "a12345", "e", "en-", "english!", "en_US", "en-US-x", "123", "en--US"}) {
            assertThat(XapiValues.languageTag(tag)).as(tag).isFalse();
        }
    }

    private static ObjectNode with(String pointer, String value) throws Exception {
        ObjectNode statement = (ObjectNode) JSON.readTree(FULL);
        set(statement, pointer, value);
        return statement;
    }

    private static void set(ObjectNode root, String pointer, String value) throws Exception {
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = root.at(at.head());
        String last = at.last().getMatchingProperty();
        if (parent instanceof ArrayNode array) {
            int i = Integer.parseInt(last);
            if (REMOVE.equals(value)) {
                array.remove(i);
            } else {
                array.set(i, JSON.readTree(value));
            }
        } else if (REMOVE.equals(value)) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).set(last, JSON.readTree(value));
        }
    }
}
