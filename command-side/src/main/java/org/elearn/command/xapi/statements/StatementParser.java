package org.elearn.command.xapi.statements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elearn.command.CommandErrors;
import org.elearn.command.xapi.validation.StatementRefusal;
import org.elearn.command.xapi.validation.StatementValidator;
import org.elearn.command.xapi.validation.XapiValues;
import org.elearn.support.errors.DomainException;
import org.elearn.support.web.ControlCharacters;

/**
 * Checks one xAPI 1.0.3 statement and extracts what ingestion stores in clear. The checks, in order:
 * a JSON object, at most 64 KB (extensions included), no control characters, then every rule of
 * {@link StatementValidator}'s tables. Every failure is a 400 naming the statement's index in its
 * batch, the field and its JSON path: {@code missing-field}, {@code invalid-iri}, {@code invalid-uuid},
 * {@code invalid-timestamp}, {@code invalid-duration}, {@code invalid-characters},
 * {@code invalid-statement}, {@code statement-too-large} or {@code voiding-not-statement-ref} (a voiding
 * statement whose object is not a {@code StatementRef}).
 *
 * <p>Values are bounded so that no absurd one is stored: timestamps from 1900 to a day from now,
 * durations up to 10,000 hours, IRIs up to 2,048 characters, an {@code mbox} up to 320 (RFC 5321),
 * account names up to 512, responses up to 4,096, and the whole statement (extensions included) up to 64 KB.
 * An actor must carry an identifier (an anonymous Group is refused as actor), so that its data can be erased.
 *
 * <p>Activity ids of the form {@code .../courses/{courseId}} and
 * {@code .../courses/{courseId}/lessons/{lessonId}} name a course and a lesson.
 */
public final class StatementParser {

    private static final String UUID_TEXT = XapiValues.UUID_PATTERN;
    private static final Pattern COURSE_ACTIVITY = Pattern.compile(
            ".*/courses/(" + UUID_TEXT + ")(?:/lessons/(" + UUID_TEXT + "))?/?");
    private static final String[] IFIS = {"mbox", "mbox_sha1sum", "openid", "account"};
    static final int MAX_STATEMENT_BYTES = 64 * 1024;

    private StatementParser() {
    }

    /** Parses statement {@code index} of its batch; assigns an id when it has none. */
    static Statement parse(JsonNode node, int index) {
        Context at = new Context(index);
        if (!node.isObject()) {
            throw at.fail(CommandErrors.INVALID_STATEMENT, "", "is not a JSON object");
        }
        if (node.toString().getBytes(StandardCharsets.UTF_8).length > MAX_STATEMENT_BYTES) {
            throw at.fail(CommandErrors.STATEMENT_TOO_LARGE, "", "is larger than " + MAX_STATEMENT_BYTES / 1024
                    + " KB (extensions included)");
        }
        ObjectNode json = (ObjectNode) node;
        refuseControlCharacters(at, json);
        StatementValidator.validate(json, index);
        // from here on every value has its kind: the extraction below only reads
        UUID id = json.has("id") ? UUID.fromString(json.get("id").textValue()) : UUID.randomUUID();
        json.put("id", id.toString());
        Agent actor = agent(at, json.get("actor"), "actor");
        String verbId = json.get("verb").get("id").textValue();
        String objectId = objectId(json.get("object"));
        UUID courseId = null;
        UUID lessonId = null;
        Matcher course = COURSE_ACTIVITY.matcher(objectId);
        if (course.matches()) {
            courseId = UUID.fromString(course.group(1));
            lessonId = course.group(2) == null ? null : UUID.fromString(course.group(2));
        }
        Instant timestamp = json.has("timestamp") ? XapiValues.timestamp(json.get("timestamp").textValue()) : null;
        Long duration = null;
        Integer score = null;
        Boolean success = null;
        String response = null;
        JsonNode result = json.get("result");
        if (result != null) {
            duration = result.has("duration") ? XapiValues.durationMillis(result.get("duration").textValue()) : null;
            score = result.has("score") ? score(result.get("score")) : null;
            success = result.has("success") ? result.get("success").booleanValue() : null;
            response = result.has("response") ? result.get("response").textValue() : null;
        }
        return new Statement(id, actor, verbId, objectId, courseId, lessonId, duration, score, success, response,
                timestamp, json);
    }

    /**
     * Every string of the statement, and every field name, follows the platform's one text rule: the
     * statement is stored whole, and its IRIs, {@code mbox} and extensions end up in {@code text} columns.
     */
    public static void refuseControlCharacters(Context at, JsonNode json) {
        ControlCharacters.firstIn(json).ifPresent(field -> {
            throw ControlCharacters.refusal(field, Map.of("statementIndex", at.index(), "field", field));
        });
    }

    /**
     * An agent or group with exactly one identifier; anonymous groups are not accepted. Within a
     * statement the validator has checked its form already; on its own (agent erasure) this checks it.
     */
    public static Agent agent(Context at, JsonNode actor, String field) {
        if (!actor.isObject()) {
            throw at.fail(CommandErrors.INVALID_STATEMENT, field, "must be an object");
        }
        String type = actor.path("objectType").asText("Agent");
        if (!"Agent".equals(type) && !"Group".equals(type)) {
            throw at.fail(CommandErrors.INVALID_STATEMENT, field + ".objectType", "must be Agent or Group");
        }
        String kind = null;
        for (String ifi : IFIS) {
            if (actor.has(ifi)) {
                if (kind != null) {
                    kind = null;
                    break;
                }
                kind = ifi;
            }
        }
        if (kind == null) {
            throw at.fail(CommandErrors.INVALID_STATEMENT, field,
                    "needs exactly one identifier: mbox, mbox_sha1sum, openid or account");
        }
        JsonNode value = actor.get(kind);
        return switch (kind) {
            case "mbox" -> {
                String mbox = text(at, value, field + ".mbox");
                if (!XapiValues.mbox(mbox)) {
                    throw at.fail(CommandErrors.INVALID_IRI, field + ".mbox",
                            "must be a mailto: IRI of at most " + XapiValues.MAX_MBOX + " characters");
                }
                yield new Agent(kind, mbox, null);
            }
            case "mbox_sha1sum" -> {
                String sum = text(at, value, field + ".mbox_sha1sum");
                if (!XapiValues.sha1(sum)) {
                    throw at.fail(CommandErrors.INVALID_STATEMENT, field + ".mbox_sha1sum", "must be 40 hex digits");
                }
                yield new Agent(kind, sum, null);
            }
            case "openid" -> new Agent(kind, iri(at, value, field + ".openid"), null);
            default -> {
                if (!value.isObject()) {
                    throw at.fail(CommandErrors.INVALID_STATEMENT, field + ".account", "must be an object");
                }
                String homePage = iri(at, required(at, value, "homePage", field + ".account.homePage"),
                        field + ".account.homePage");
                String name = text(at, required(at, value, "name", field + ".account.name"), field + ".account.name");
                if (name.length() > XapiValues.MAX_NAME) {
                    throw at.fail(CommandErrors.INVALID_STATEMENT, field + ".account.name",
                            "is longer than " + XapiValues.MAX_NAME + " characters");
                }
                if (name.isBlank()) {
                    throw at.fail(CommandErrors.INVALID_STATEMENT, field + ".account.name", "must not be blank");
                }
                yield new Agent(kind, name, homePage);
            }
        };
    }

    /** What the ledger and read models know the object by: never a person's identifier in clear. */
    private static String objectId(JsonNode object) {
        JsonNode type = object.get("objectType");
        return switch (type == null ? "Activity" : type.textValue()) {
            case "Activity" -> object.get("id").textValue();
            case "StatementRef" -> Statement.STATEMENT_REF + UUID.fromString(object.get("id").textValue());
            case "SubStatement" -> "urn:xapi:substatement";
            default -> "urn:xapi:agent";
        };
    }

    public static UUID uuid(Context at, JsonNode node, String field) {
        String text = text(at, node, field);
        if (!XapiValues.uuid(text)) {
            throw at.fail(CommandErrors.INVALID_UUID, field, "must be a UUID");
        }
        return UUID.fromString(text);
    }

    public static String iri(Context at, JsonNode node, String field) {
        String text = text(at, node, field);
        if (!XapiValues.iri(text)) {
            throw at.fail(CommandErrors.INVALID_IRI, field,
                    "must be an absolute IRI of at most " + XapiValues.MAX_IRI + " characters");
        }
        return text;
    }

    /** A duration's length in milliseconds; refused if it is not an ISO 8601 duration or is over 10,000 hours. */
    static long durationMillis(Context at, JsonNode node) {
        long millis = XapiValues.durationMillis(text(at, node, "result.duration"));
        if (millis < 0) {
            throw at.fail(CommandErrors.INVALID_DURATION, "result.duration", "must be an ISO 8601 duration such as PT1H30M");
        }
        if (millis > XapiValues.MAX_DURATION_MILLIS) {
            throw at.fail(CommandErrors.INVALID_DURATION, "result.duration", "is longer than 10,000 hours");
        }
        return millis;
    }

    /** {@code scaled} (-1..1) as a percentage, else {@code raw} within {@code min}..{@code max}, else a raw 0-100. */
    private static Integer score(JsonNode score) {
        if (score.has("scaled")) {
            return (int) Math.round(Math.max(0, score.get("scaled").doubleValue()) * 100);
        }
        if (!score.has("raw")) {
            return null;
        }
        double raw = score.get("raw").doubleValue();
        if (score.has("min") && score.has("max")) {
            double min = score.get("min").doubleValue();
            double max = score.get("max").doubleValue();
            return (int) Math.round((raw - min) / (max - min) * 100);
        }
        return raw >= 0 && raw <= 100 ? (int) Math.round(raw) : null;
    }

    private static JsonNode required(Context at, JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw at.fail(CommandErrors.MISSING_FIELD, path, "is missing");
        }
        return value;
    }

    private static String text(Context at, JsonNode node, String field) {
        if (!node.isTextual()) {
            throw at.fail(CommandErrors.INVALID_STATEMENT, field, "must be a string");
        }
        return node.textValue();
    }

    /** Where in the batch the parser is, for error messages. */
    public record Context(int index) {

        DomainException fail(CommandErrors code, String field, String problem) {
            return StatementRefusal.of(code, index, field, problem);
        }
    }
}
