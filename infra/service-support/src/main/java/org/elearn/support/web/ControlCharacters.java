package org.elearn.support.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elearn.support.errors.DomainException;
import org.elearn.support.errors.EdgeErrors;

/**
 * The one rule for characters no text of this API may hold, applied to every channel input arrives
 * by: JSON body fields (a string deserializer on the request mapper), query parameters and path
 * segments (a web filter), CSV cells and xAPI statements. Refused: the C0 controls except tab, line
 * feed and carriage return, DEL, the C1 controls, unpaired surrogates and the non-characters
 * U+FFFE and U+FFFF. Nothing downstream has to cope with them: PostgreSQL cannot store U+0000 in
 * {@code text} at all, and the others only corrupt exports and logs.
 */
public final class ControlCharacters {

    /** What a refused field's entry in {@code errors} says. */
    public static final String MESSAGE = "contains a control character or an invalid code point";

    private ControlCharacters() {
    }

    /** Whether {@code text} holds a character this API refuses; {@code null} holds none. */
    public static boolean refused(CharSequence text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r'
                    : c >= 0x7F && c <= 0x9F || c == '\uFFFE' || c == '\uFFFF') {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The path of the first field name or string value in {@code tree} holding a refused character,
     * e.g. {@code actor.account.name} or {@code context.contextActivities.parent[0].id}.
     */
    public static Optional<String> firstIn(JsonNode tree) {
        // the paths are built only for a tree that holds one: an xAPI statement has some 40 strings
        return anyIn(tree) ? firstIn(tree, "") : Optional.empty();
    }

    /** Whether any field name or string value in the tree holds a refused character. */
    private static boolean anyIn(JsonNode node) {
        if (node.isTextual()) {
            return refused(node.textValue());
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (anyIn(item)) {
                    return true;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (refused(field.getKey()) || anyIn(field.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<String> firstIn(JsonNode node, String path) {
        if (node.isTextual()) {
            return refused(node.textValue()) ? Optional.of(path) : Optional.empty();
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = firstIn(node.get(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (refused(field.getKey())) {
                    return Optional.of(path.isEmpty() ? "(a field name)" : path + ".(a field name)");
                }
                Optional<String> found = firstIn(field.getValue(), at);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The 400 naming the field, with the same shape as any other invalid field. */
    public static DomainException refusal(String field) {
        return refusal(field, Map.of());
    }

    /** The same, with more properties (such as an xAPI statement's index). */
    public static DomainException refusal(String field, Map<String, Object> more) {
        Map<String, Object> properties = new java.util.HashMap<>(more);
        properties.put("errors", List.of(Map.of("field", field, "message", MESSAGE)));
        return EdgeErrors.INVALID_CHARACTERS.refusal(
                "The field " + field + " " + MESSAGE + ". Nothing was changed.", properties);
    }
}
