package org.elearn.command.xapi.statements;

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
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.elearn.command.privacy.SubjectDataHolder;
import org.elearn.command.xapi.credentials.IngestionCredentials;
import org.elearn.command.xapi.credentials.XapiScope;
import org.elearn.support.privacy.ErasureCompaction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The richest definition each organization's statements gave each activity ({@code xapi_activity}),
 * for the Activities resource. "Richest" is the longest as compact JSON: a definition with a
 * description and a type beats one with a name alone.
 *
 * <p>A definition is meant to describe the content, and is kept in clear, but it comes inside a
 * statement about a person, and a client may write that person into it (an activity built per
 * learner, "Essay of Tia"). So two rules keep it from becoming a clear copy of personal data:
 * <ul>
 *   <li>only a credential with the {@code define} scope (or {@code all}) updates it, as xAPI 1.0.3
 *   asks: without {@code define}, the LRS "should not update its internal representation of any
 *   Actors or Activities". The definition then stays only inside the statement, sealed under the
 *   actor's key;</li>
 *   <li>the row remembers whose statement gave the definition kept ({@code subject_id}); erasing that
 *   subject deletes the row ({@link SubjectDataHolder}) and has the table compacted, so even a
 *   trusted client's mistake goes with the person. The next statement that defines the activity
 *   defines it again.</li>
 * </ul>
 *
 * <p>On the ingestion's path, in its transaction: one indexed read per batch whose statements carry
 * definitions, and a write only for the definitions that are richer than the stored ones, so
 * concurrent batches about a popular activity do not queue on its row once its definition is known.
 */
@Component
public record ActivityDefinitions(JdbcTemplate jdbc, ObjectMapper json,
                                  ErasureCompaction compaction) implements SubjectDataHolder {

    static final String TABLE = "xapi_activity";
    /** The scopes that may define activities. */
    private static final Set<XapiScope> DEFINING = Set.of(XapiScope.DEFINE, XapiScope.ALL);

    /**
     * Keeps the richer definitions of these new statements' activities, when the credential may
     * define activities; blocking, in the caller's transaction.
     *
     * @param subjects each statement's actor, remembered with the definition it gave
     */
    void note(IngestionCredentials.Credential credential, List<Statement> statements, Map<Statement, UUID> subjects) {
        if (!credential.holdsAnyOf(DEFINING)) {
            return;
        }
        UUID organizationId = credential.organizationId();
        // by the hex of the id's hash, sorted: concurrent batches lock rows in the same order
        Map<String, Object[]> richest = new TreeMap<>();
        for (Statement statement : statements) {
            JsonNode object = statement.json().path("object");
            JsonNode definition = object.path("definition");
            if (!definition.isObject() || definition.isEmpty()
                    || !"Activity".equals(object.path("objectType").asText("Activity"))) {
                continue;
            }
            String text = definition.toString();
            String key = HexFormat.of().formatHex(hash(statement.objectId()));
            Object[] known = richest.get(key);
            if (known == null || text.length() > ((String) known[1]).length()) {
                richest.put(key, new Object[] {statement.objectId(), text, subjects.get(statement)});
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
            if (((String) activity[1]).length() > stored.getOrDefault(key, 0)) {
                richer.add(new Object[] {organizationId, HexFormat.of().parseHex(key), activity[0], activity[1],
                        activity[2]});
            }
        });
        if (!richer.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO xapi_activity (organization_id, activity_sha256, activity_id, definition, subject_id)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (organization_id, activity_sha256)
                    DO UPDATE SET definition = EXCLUDED.definition, subject_id = EXCLUDED.subject_id
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

    /** Erasure: the definitions their statements gave go, and the table is compacted after the erasure commits. */
    @Override
    public void forget(UUID subjectId) {
        if (jdbc.update("DELETE FROM xapi_activity WHERE subject_id = ?", subjectId) > 0) {
            compaction.requestAfterCommit(List.of(TABLE));
        }
    }

    private static byte[] hash(String activityId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(activityId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
