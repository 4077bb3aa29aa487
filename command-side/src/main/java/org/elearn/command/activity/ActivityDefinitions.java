package org.elearn.command.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The richest definition each organization's statements gave each activity ({@code xapi_activity}),
 * for the Activities resource. "Richest" is the longest as compact JSON: a definition with a
 * description and a type beats one with a name alone. A definition describes the content, not the
 * person, so it is kept in clear and stays when the statement's actor is erased.
 *
 * <p>On the ingestion's path, in its transaction: one indexed read per batch whose statements carry
 * definitions, and a write only for the definitions that are richer than the stored ones, so
 * concurrent batches about a popular activity do not queue on its row once its definition is known.
 */
@Component
public class ActivityDefinitions {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ActivityDefinitions(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Keeps the richer definitions of these new statements' activities; blocking, in the caller's transaction. */
    void note(UUID organizationId, List<Statement> statements) {
        // by the hex of the id's hash, sorted: concurrent batches lock rows in the same order
        Map<String, String[]> richest = new TreeMap<>();
        for (Statement statement : statements) {
            JsonNode object = statement.json().path("object");
            JsonNode definition = object.path("definition");
            if (!definition.isObject() || definition.isEmpty()
                    || !"Activity".equals(object.path("objectType").asText("Activity"))) {
                continue;
            }
            String text = definition.toString();
            String key = HexFormat.of().formatHex(hash(statement.objectId()));
            String[] known = richest.get(key);
            if (known == null || text.length() > known[1].length()) {
                richest.put(key, new String[] {statement.objectId(), text});
            }
        }
        if (richest.isEmpty()) {
            return;
        }
        Map<String, Integer> stored = new HashMap<>();
        jdbc.query("SELECT encode(activity_sha256, 'hex'), length(definition) FROM xapi_activity"
                        + " WHERE organization_id = ? AND activity_sha256 = ANY (?)",
                rs -> {
                    stored.put(rs.getString(1), rs.getInt(2));
                }, organizationId, richest.keySet().stream().map(HexFormat.of()::parseHex).toArray(byte[][]::new));
        List<Object[]> richer = new ArrayList<>();
        richest.forEach((key, activity) -> {
            if (activity[1].length() > stored.getOrDefault(key, 0)) {
                richer.add(new Object[] {organizationId, HexFormat.of().parseHex(key), activity[0], activity[1]});
            }
        });
        if (!richer.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO xapi_activity (organization_id, activity_sha256, activity_id, definition)
                    VALUES (?, ?, ?, ?)
                    ON CONFLICT (organization_id, activity_sha256) DO UPDATE SET definition = EXCLUDED.definition
                     WHERE length(EXCLUDED.definition) > length(xapi_activity.definition)""", richer);
        }
    }

    /** The richest definition the organization's statements gave the activity, if any; blocking. */
    public Optional<JsonNode> definition(UUID organizationId, String activityId) {
        return jdbc.queryForList("SELECT definition FROM xapi_activity WHERE organization_id = ? AND activity_sha256 = ?",
                String.class, organizationId, hash(activityId)).stream().findFirst().map(text -> {
                    try {
                        return json.readTree(text);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("a stored definition is JSON", e);
                    }
                });
    }

    private static byte[] hash(String activityId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(activityId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
