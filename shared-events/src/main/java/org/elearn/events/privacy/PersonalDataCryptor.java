package org.elearn.events.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;

/**
 * Reads the {@link PersonalData} fields of a stored object's JSON tree: decrypts them in place, and
 * groups them by subject for the personal-data export. Each value was encrypted (by
 * {@link StreamingEncryption}) with AES-GCM under its subject's data key and a fresh nonce; the
 * associated data binds the subject id and the field path, so a ciphertext cannot be moved to
 * another subject or field. An encrypted value is the text
 * {@code pd1:<base64(nonce || ciphertext || tag)>}; the rest of the JSON stays readable.
 */
public final class PersonalDataCryptor {

    static final String PREFIX = "pd1:";

    private final KeyVault vault;
    private final ObjectMapper mapper;

    public PersonalDataCryptor(KeyVault vault, ObjectMapper mapper) {
        this.vault = vault;
        this.mapper = mapper;
    }

    @FunctionalInterface
    private interface Visitor {
        JsonNode visit(String subjectId, String path, PersonalDataModel.Property property, JsonNode value);
    }

    public void decrypt(ObjectNode root, PersonalDataModel model) {
        walk(root, root, model, null, "", (subject, path, property, value) -> {
            if (!value.isTextual() || !value.textValue().startsWith(PREFIX)) {
                return value; // written before encryption existed
            }
            Optional<SecretKey> key = vault.keyForReading(subject);
            if (key.isEmpty()) {
                return property.text() ? TextNode.valueOf(property.replacement()) : NullNode.getInstance();
            }
            try {
                return mapper.readTree(open(key.get(), subject, path, value.textValue()));
            } catch (IOException e) {
                throw new PersonalDataIntegrityException("personal data of subject " + subject + " at "
                        + path + " is not valid JSON after decryption", e);
            }
        });
    }

    /**
     * The clear text of one personal text field of a stored event, read without deserializing the
     * event: {@code value} is the field as stored ({@code pd1:} and the ciphertext, or the clear text
     * of an event written before encryption existed), {@code path} its field path (the associated
     * data). Empty when the subject is erased.
     *
     * @throws PersonalDataIntegrityException if the value fails authentication or is not a JSON string
     */
    public Optional<String> openText(String subjectId, String path, String value) {
        if (!value.startsWith(PREFIX)) {
            return Optional.of(value);
        }
        Optional<SecretKey> key = vault.keyForReading(subjectId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(open(key.get(), subjectId, path, value), String.class));
        } catch (IOException e) {
            throw new PersonalDataIntegrityException("personal data of subject " + subjectId + " at "
                    + path + " is not a JSON string after decryption", e);
        }
    }

    /** The clear JSON of a sealed value ({@code pd1:...}) under its subject's key. */
    private static byte[] open(SecretKey key, String subject, String path, String value) {
        try {
            byte[] sealed = Base64.getDecoder().decode(value.substring(PREFIX.length()));
            return Aes.decrypt(key, sealed, associatedData(subject, path));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new PersonalDataIntegrityException("personal data of subject " + subject + " at "
                    + path + " failed authentication", e);
        }
    }

    /**
     * Replaces every personal-data value with what it reads as once its subject is erased (the
     * replacement text, or null), without decrypting anything or asking for a key: the sealed view
     * of an event for handlers that read no personal field.
     */
    public void seal(ObjectNode root, PersonalDataModel model) {
        walk(root, root, model, null, "", (subject, path, property, value) ->
                property.text() ? TextNode.valueOf(property.replacement()) : NullNode.getInstance());
    }

    /**
     * Replaces every personal-data value with {@code marker} without decrypting anything, except
     * that an erased subject's values show their replacement value (as a decrypted read would).
     */
    public void redact(ObjectNode root, PersonalDataModel model, Predicate<String> erased, String marker) {
        walk(root, root, model, null, "", (subject, path, property, value) -> erased.test(subject)
                ? (property.text() ? TextNode.valueOf(property.replacement()) : NullNode.getInstance())
                : TextNode.valueOf(marker));
    }

    /** The subjects a stored tree is about: its own subject id and the owner of every personal field. */
    public Set<String> subjects(ObjectNode root, PersonalDataModel model) {
        Set<String> subjects = new HashSet<>();
        model.subjectProperty().map(root::get).filter(JsonNode::isTextual).map(JsonNode::textValue)
                .ifPresent(subjects::add);
        walk(root, root, model, null, "", (subject, path, property, value) -> {
            subjects.add(subject);
            return value;
        });
        return subjects;
    }

    /**
     * The subjects whose key a stored tree needs: the owner of every personal field that is sealed
     * ({@code pd1:}). Nothing is decrypted and no key is asked for.
     */
    public Set<String> sealedSubjects(ObjectNode root, PersonalDataModel model) {
        Set<String> subjects = new HashSet<>();
        walk(root, root, model, null, "", (subject, path, property, value) -> {
            if (value.isTextual() && value.textValue().startsWith(PREFIX)) {
                subjects.add(subject);
            }
            return value;
        });
        return subjects;
    }

    /**
     * The personal-data fields of a (decrypted) tree, grouped by the subject they belong to, then by
     * field path. Fields inside collections of records are gathered into arrays.
     */
    public Map<String, Map<String, JsonNode>> fieldsBySubject(ObjectNode root, PersonalDataModel model) {
        Map<String, Map<String, List<JsonNode>>> collected = new LinkedHashMap<>();
        walk(root, root, model, null, "", (subject, path, property, value) -> {
            collected.computeIfAbsent(subject, s -> new LinkedHashMap<>())
                    .computeIfAbsent(path, p -> new ArrayList<>()).add(value);
            return value;
        });
        Map<String, Map<String, JsonNode>> bySubject = new LinkedHashMap<>();
        collected.forEach((subject, fields) -> {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            fields.forEach((path, list) -> values.put(path,
                    list.size() == 1 ? list.get(0) : mapper.createArrayNode().addAll(list)));
            bySubject.put(subject, values);
        });
        return bySubject;
    }

    private void walk(ObjectNode root, ObjectNode node, PersonalDataModel model, String inheritedSubject,
                      String path, Visitor visitor) {
        // an object that declares its own subject never falls back to the enclosing one, even when
        // its id is missing: its data would otherwise be encrypted under someone else's key
        String subjectHere = model.subjectProperty().isPresent()
                ? text(node.get(model.subjectProperty().get())) : inheritedSubject;
        for (PersonalDataModel.Property property : model.properties()) {
            JsonNode value = node.get(property.name());
            String fieldPath = path.isEmpty() ? property.name() : path + "." + property.name();
            if (value == null || value.isNull()) {
                continue;
            }
            if (property.personal()) {
                String subject = property.subjectPath().isEmpty() ? subjectHere
                        : text(root.at("/" + property.subjectPath().replace('.', '/')));
                if (subject == null) {
                    throw new IllegalStateException("personal data at " + fieldPath + " names no data subject");
                }
                node.set(property.name(), visitor.visit(subject, fieldPath, property, value));
            } else if (property.collection() && value instanceof ArrayNode array) {
                for (JsonNode element : array) {
                    if (element instanceof ObjectNode object) {
                        walk(root, object, property.nested(), subjectHere, fieldPath + "[]", visitor);
                    }
                }
            } else if (value instanceof ObjectNode object) {
                walk(root, object, property.nested(), subjectHere, fieldPath, visitor);
            }
        }
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * A JSON string literal, escaped as RFC 8259 requires: quote, backslash and the C0 controls
     * (as {@code \\u00xx}). Escaped on the UTF-8 bytes, which is the same thing: in UTF-8 those
     * characters are single bytes below 0x80 and never part of a longer sequence. The statement of
     * every xAPI event passes here (about 1 KB with some 60 quotes), so it is encoded once and
     * copied once, without a builder of chars in between.
     */
    static byte[] jsonString(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int extra = 0;
        for (byte b : utf8) {
            if (b == '"' || b == '\\') {
                extra += 1;
            } else if (b >= 0 && b < 0x20) {
                extra += 5;
            }
        }
        byte[] out = new byte[utf8.length + extra + 2];
        out[0] = '"';
        int o = 1;
        if (extra == 0) {
            System.arraycopy(utf8, 0, out, 1, utf8.length);
            o += utf8.length;
        } else {
            for (byte b : utf8) {
                if (b == '"' || b == '\\') {
                    out[o++] = '\\';
                    out[o++] = b;
                } else if (b >= 0 && b < 0x20) {
                    out[o++] = '\\';
                    out[o++] = 'u';
                    out[o++] = '0';
                    out[o++] = '0';
                    out[o++] = HEX[b >> 4];
                    out[o++] = HEX[b & 0xF];
                } else {
                    out[o++] = b;
                }
            }
        }
        out[o] = '"';
        return out;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    static byte[] associatedData(String subjectId, String path) {
        return (subjectId + "\u0000" + path).getBytes(StandardCharsets.UTF_8);
    }
}
