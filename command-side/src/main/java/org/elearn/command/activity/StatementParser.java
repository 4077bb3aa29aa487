package org.elearn.command.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elearn.command.CommandErrors;
import org.elearn.support.errors.DomainException;
import org.elearn.support.web.ControlCharacters;

/**
 * Checks one xAPI 1.0.3 statement and extracts what ingestion stores in clear. Every failure is a
 * 400 naming the statement's index in its batch and the field: {@code missing-field},
 * {@code invalid-iri}, {@code invalid-uuid}, {@code invalid-timestamp}, {@code invalid-duration},
 * {@code invalid-characters}, {@code invalid-statement}, {@code statement-too-large} or
 * {@code voiding-not-statement-ref} (a voiding statement whose object is not a {@code StatementRef}).
 *
 * <p>Values are bounded so that no absurd one is stored: timestamps from 1900 to a day from now,
 * durations up to 10,000 hours, IRIs up to 2,048 characters, an {@code mbox} up to 320 (RFC 5321),
 * account names up to 512, responses up to 4,096, and the whole statement (extensions included) up to 64 KB.
 *
 * <p>Activity ids of the form {@code .../courses/{courseId}} and
 * {@code .../courses/{courseId}/lessons/{lessonId}} name a course and a lesson.
 */
final class StatementParser {

    static final Pattern IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern MBOX = Pattern.compile("mailto:[^@\\s]+@[^@\\s]+");
    private static final Pattern COURSE_ACTIVITY = Pattern.compile(
            ".*/courses/(" + UUID_TEXT.pattern() + ")(?:/lessons/(" + UUID_TEXT.pattern() + "))?/?");
    private static final String NUMBER = "(\\d+(?:[.,]\\d+)?)";
    private static final Pattern DURATION = Pattern.compile("P(?:" + NUMBER + "Y)?(?:" + NUMBER + "M)?(?:" + NUMBER
            + "W)?(?:" + NUMBER + "D)?(?:T(?:" + NUMBER + "H)?(?:" + NUMBER + "M)?(?:" + NUMBER + "S)?)?");
    /** Seconds per duration component: years and months as 365 and 30 days, as a length of time needs. */
    private static final long[] SECONDS = {365L * 86_400, 30L * 86_400, 7L * 86_400, 86_400, 3_600, 60, 1};
    private static final Set<String> IFIS = Set.of("mbox", "mbox_sha1sum", "openid", "account");
    static final int MAX_STATEMENT_BYTES = 64 * 1024;
    static final int MAX_IRI = 2048;
    static final int MAX_MBOX = 320;
    static final int MAX_NAME = 512;
    static final int MAX_RESPONSE = 4096;
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Duration FUTURE_SLACK = Duration.ofDays(1);
    static final long MAX_DURATION_MILLIS = Duration.ofHours(10_000).toMillis();

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
        UUID id = json.has("id") ? uuid(at, json.get("id"), "id") : UUID.randomUUID();
        json.put("id", id.toString());
        Agent actor = agent(at, object(at, json, "actor"), "actor");
        String verbId = iri(at, object(at, object(at, json, "verb"), "id", "verb.id"), "verb.id");
        JsonNode object = object(at, json, "object");
        String objectId = objectId(at, object);
        if (Statement.VOIDED.equals(verbId) && !"StatementRef".equals(object.path("objectType").asText())) {
            throw at.fail(CommandErrors.VOIDING_NOT_STATEMENT_REF, "object.objectType",
                    "must be StatementRef: a voiding statement names the statement it voids");
        }
        UUID courseId = null;
        UUID lessonId = null;
        Matcher course = COURSE_ACTIVITY.matcher(objectId);
        if (course.matches()) {
            courseId = UUID.fromString(course.group(1));
            lessonId = course.group(2) == null ? null : UUID.fromString(course.group(2));
        }
        Instant timestamp = json.has("timestamp") ? timestamp(at, json.get("timestamp")) : null;
        Long duration = null;
        Integer score = null;
        Boolean success = null;
        String response = null;
        if (json.has("result")) {
            JsonNode result = json.get("result");
            if (!result.isObject()) {
                throw at.fail(CommandErrors.INVALID_STATEMENT, "result", "must be an object");
            }
            duration = result.has("duration") ? durationMillis(at, result.get("duration")) : null;
            score = result.has("score") ? score(at, result.get("score")) : null;
            success = result.has("success") ? bool(at, result.get("success"), "result.success") : null;
            response = result.has("response") ? text(at, result.get("response"), "result.response", MAX_RESPONSE) : null;
        }
        if (json.has("context") && json.get("context").has("registration")) {
            uuid(at, json.get("context").get("registration"), "context.registration");
        }
        return new Statement(id, actor, verbId, objectId, courseId, lessonId, duration, score, success, response,
                timestamp, json);
    }

    /**
     * Every string of the statement, and every field name, follows the platform's one text rule: the
     * statement is stored whole, and its IRIs, {@code mbox} and extensions end up in {@code text} columns.
     */
    static void refuseControlCharacters(Context at, JsonNode json) {
        ControlCharacters.firstIn(json).ifPresent(field -> {
            throw ControlCharacters.refusal(field, Map.of("statementIndex", at.index(), "field", field));
        });
    }

    /** An agent or group with exactly one identifier; anonymous groups are not accepted. */
    static Agent agent(Context at, JsonNode actor, String field) {
        if (!actor.isObject()) {
            throw at.fail(CommandErrors.INVALID_STATEMENT, field, "must be an object");
        }
        String type = actor.path("objectType").asText("Agent");
        if (!"Agent".equals(type) && !"Group".equals(type)) {
            throw at.fail(CommandErrors.INVALID_STATEMENT, field + ".objectType", "must be Agent or Group");
        }
        var present = IFIS.stream().filter(actor::has).toList();
        if (present.size() != 1) {
            throw at.fail(CommandErrors.INVALID_STATEMENT, field,
                    "needs exactly one identifier: mbox, mbox_sha1sum, openid or account");
        }
        String kind = present.get(0);
        JsonNode value = actor.get(kind);
        return switch (kind) {
            case "mbox" -> {
                String mbox = text(at, value, field + ".mbox");
                if (mbox.length() > MAX_MBOX || !MBOX.matcher(mbox).matches()) {
                    throw at.fail(CommandErrors.INVALID_IRI, field + ".mbox",
                            "must be a mailto: IRI of at most " + MAX_MBOX + " characters");
                }
                yield new Agent(kind, mbox, null);
            }
            case "mbox_sha1sum" -> {
                String sum = text(at, value, field + ".mbox_sha1sum");
                if (!SHA1.matcher(sum).matches()) {
                    throw at.fail(CommandErrors.INVALID_STATEMENT, field + ".mbox_sha1sum", "must be 40 hex digits");
                }
                yield new Agent(kind, sum, null);
            }
            case "openid" -> new Agent(kind, iri(at, value, field + ".openid"), null);
            default -> {
                if (!value.isObject()) {
                    throw at.fail(CommandErrors.INVALID_STATEMENT, field + ".account", "must be an object");
                }
                String homePage = iri(at, object(at, value, "homePage", field + ".account.homePage"),
                        field + ".account.homePage");
                String name = text(at, object(at, value, "name", field + ".account.name"), field + ".account.name",
                        MAX_NAME);
                if (name.isBlank()) {
                    throw at.fail(CommandErrors.INVALID_STATEMENT, field + ".account.name", "must not be blank");
                }
                yield new Agent(kind, name, homePage);
            }
        };
    }

    private static String objectId(Context at, JsonNode object) {
        if (!object.isObject()) {
            throw at.fail(CommandErrors.INVALID_STATEMENT, "object", "must be an object");
        }
        String type = object.path("objectType").asText("Activity");
        return switch (type) {
            case "Activity" -> iri(at, object(at, object, "id", "object.id"), "object.id");
            case "StatementRef" -> Statement.STATEMENT_REF + uuid(at, object(at, object, "id", "object.id"), "object.id");
            case "Agent", "Group" -> {
                agent(at, object, "object");
                yield "urn:xapi:agent"; // never a person's identifier in clear
            }
            case "SubStatement" -> {
                object(at, object, "actor");
                object(at, object, "verb");
                object(at, object, "object");
                yield "urn:xapi:substatement";
            }
            default -> throw at.fail(CommandErrors.INVALID_STATEMENT, "object.objectType",
                    "must be Activity, Agent, Group, StatementRef or SubStatement");
        };
    }

    static UUID uuid(Context at, JsonNode node, String field) {
        String text = text(at, node, field);
        if (!UUID_TEXT.matcher(text).matches()) {
            throw at.fail(CommandErrors.INVALID_UUID, field, "must be a UUID");
        }
        return UUID.fromString(text);
    }

    private static String iri(Context at, JsonNode node, String field) {
        String text = text(at, node, field);
        if (text.length() > MAX_IRI || !IRI.matcher(text).matches()) {
            throw at.fail(CommandErrors.INVALID_IRI, field, "must be an absolute IRI of at most " + MAX_IRI + " characters");
        }
        return text;
    }

    static Instant timestamp(Context at, JsonNode node) {
        Instant timestamp = parseTimestamp(at, text(at, node, "timestamp"));
        if (timestamp.isBefore(EARLIEST) || timestamp.isAfter(Instant.now().plus(FUTURE_SLACK))) {
            throw at.fail(CommandErrors.INVALID_TIMESTAMP, "timestamp", "must lie between 1900 and one day from now");
        }
        return timestamp;
    }

    private static Instant parseTimestamp(Context at, String text) {
        return readTimestamp(text).orElseThrow(() -> at.fail(CommandErrors.INVALID_TIMESTAMP, "timestamp",
                "must be an ISO 8601 date and time"));
    }

    /** An ISO 8601 date and time; without a time zone, read as UTC. Empty when it is none. */
    static java.util.Optional<Instant> readTimestamp(String text) {
        try {
            return java.util.Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return java.util.Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return java.util.Optional.empty();
            }
        }
    }

    static long durationMillis(Context at, JsonNode node) {
        String text = text(at, node, "result.duration");
        Matcher m = DURATION.matcher(text);
        boolean emptyTime = text.endsWith("T");
        if (!m.matches() || text.equals("P") || emptyTime) {
            throw at.fail(CommandErrors.INVALID_DURATION, "result.duration", "must be an ISO 8601 duration such as PT1H30M");
        }
        BigDecimal millis = BigDecimal.ZERO;
        for (int i = 0; i < SECONDS.length; i++) {
            if (m.group(i + 1) != null) {
                millis = millis.add(new BigDecimal(m.group(i + 1).replace(',', '.'))
                        .multiply(BigDecimal.valueOf(SECONDS[i] * 1000)));
            }
        }
        if (millis.compareTo(BigDecimal.valueOf(MAX_DURATION_MILLIS)) > 0) {
            throw at.fail(CommandErrors.INVALID_DURATION, "result.duration", "is longer than 10,000 hours");
        }
        return millis.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** {@code scaled} (-1..1) as a percentage, else {@code raw} within {@code min}..{@code max}, else a raw 0-100. */
    private static Integer score(Context at, JsonNode score) {
        if (!score.isObject()) {
            throw at.fail(CommandErrors.INVALID_STATEMENT, "result.score", "must be an object");
        }
        for (String field : new String[] {"scaled", "raw", "min", "max"}) {
            if (score.has(field) && !score.get(field).isNumber()) {
                throw at.fail(CommandErrors.INVALID_STATEMENT, "result.score." + field, "must be a number");
            }
        }
        if (score.has("scaled")) {
            double scaled = score.get("scaled").asDouble();
            if (scaled < -1 || scaled > 1) {
                throw at.fail(CommandErrors.INVALID_STATEMENT, "result.score.scaled", "must be between -1 and 1");
            }
            return (int) Math.round(Math.max(0, scaled) * 100);
        }
        if (!score.has("raw")) {
            return null;
        }
        double raw = score.get("raw").asDouble();
        boolean bounded = score.has("min") && score.has("max");
        if (bounded) {
            double min = score.get("min").asDouble();
            double max = score.get("max").asDouble();
            if (min >= max || raw < min || raw > max) {
                throw at.fail(CommandErrors.INVALID_STATEMENT, "result.score.raw", "must be within min and max");
            }
            return (int) Math.round((raw - min) / (max - min) * 100);
        }
        return raw >= 0 && raw <= 100 ? (int) Math.round(raw) : null;
    }

    private static JsonNode object(Context at, JsonNode parent, String field) {
        return object(at, parent, field, field);
    }

    private static JsonNode object(Context at, JsonNode parent, String field, String path) {
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
        return node.asText();
    }

    private static String text(Context at, JsonNode node, String field, int maxLength) {
        String text = text(at, node, field);
        if (text.length() > maxLength) {
            throw at.fail(CommandErrors.INVALID_STATEMENT, field, "is longer than " + maxLength + " characters");
        }
        return text;
    }

    private static Boolean bool(Context at, JsonNode node, String field) {
        if (!node.isBoolean()) {
            throw at.fail(CommandErrors.INVALID_STATEMENT, field, "must be true or false");
        }
        return node.asBoolean();
    }

    /** Where in the batch the parser is, for error messages. */
    record Context(int index) {

        DomainException fail(CommandErrors code, String field, String problem) {
            String where = field.isEmpty() ? "" : " " + field;
            return code.refusal(
                    "Statement " + index + ":" + where + " " + problem + ".",
                    Map.of("statementIndex", index, "field", field));
        }
    }
}
