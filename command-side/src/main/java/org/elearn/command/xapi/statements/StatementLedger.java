package org.elearn.command.xapi.statements;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.BaseJsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.command.privacy.SubjectDataHolder;
import org.elearn.command.CommandErrors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The statement ids each organization has used, with a keyed fingerprint of the content, so that a
 * statement sent again is a no-op and a different statement under a used id is a conflict.
 * The row also keeps what statement queries filter on ({@link StatementReads}); the statement itself
 * is read from its event, where it is sealed under the actor's data key ({@link #inEvent}). Erasure
 * clears the fingerprints (and the sealed copies rows kept from V28 until the statement was read from
 * its event; the destroyed key already made them unreadable); their ids stay used.
 */
@Component
record StatementLedger(JdbcTemplate jdbc, EmailHasher hasher, ObjectMapper json) implements SubjectDataHolder {

    /**
     * Whether a row's {@code statement_sealed} says that the statement as stored is read from its
     * {@code StatementRecorded} event (the same text, sealed under the same key): empty, as every new
     * row writes it, instead of a second sealed copy on the row. A row with a sealed copy was stored
     * from V28 until this; null marks a row stored before V28 (read from its event through the event
     * serializer) or an erased one.
     */
    static boolean inEvent(byte[] sealed) {
        return sealed != null && sealed.length == 0;
    }

    /** Not part of what a statement says: set or changed by an LRS. */
    private static final Set<String> IGNORED = Set.of("stored", "authority", "version");

    /**
     * In the caller's transaction: claims the statements' ids and answers the ones that are new. A
     * used id with the same content is left out; with different content the whole batch fails (409).
     * A new row keeps the statement's clear figures (those of its {@code StatementRecorded}), which
     * voiding repeats in {@code StatementVoided}, and an empty {@code statement_sealed}: the statement as stored goes
     * into its event ({@link #inEvent}).
     *
     * @param actors each statement's resolved actor
     * @param batch when the batch is stored (the timestamp of a statement that gives none), by which
     *              credential, and what statement queries filter on
     */
    List<Statement> claim(UUID organizationId, List<Statement> statements, Map<Statement, ActorResolver.Actor> actors,
                          Stored batch) {
        Map<UUID, byte[]> fingerprints = new HashMap<>();
        statements.forEach(s -> fingerprints.put(s.id(), fingerprint(s.json())));
        Set<UUID> claimed = new HashSet<>(jdbc.query(con -> {
            // one insert for the batch: the id, and what statement queries filter on (StatementReads)
            var ps = con.prepareStatement("""
                    INSERT INTO xapi_statement (organization_id, statement_id, subject_id, content_sha256, member, verb_id,
                                                object_id, course_id, lesson_id, duration_millis, score, success, occurred_at,
                                                stored_at, credential_key, object_activity, object_subject, registration,
                                                activity_ids, agent_ids, statement_sealed, member_ids)
                    SELECT ?, s.id, s.subject, s.hash, s.member, s.verb, s.object, s.course, s.lesson, s.duration,
                           s.score, s.success, s.occurred::timestamptz, ?::timestamptz, ?, s.activity, s.object_subject,
                           s.registration,
                           CASE WHEN s.activities IS NOT NULL THEN ARRAY(SELECT jsonb_array_elements_text(s.activities::jsonb)) END,
                           string_to_array(s.agents, ',')::uuid[], ''::bytea, string_to_array(s.members, ',')::uuid[]
                      FROM unnest(?::uuid[], ?::uuid[], ?::bytea[], ?::boolean[], ?::text[], ?::text[], ?::uuid[],
                                  ?::uuid[], ?::bigint[], ?::integer[], ?::boolean[], ?::text[], ?::text[], ?::uuid[],
                                  ?::uuid[], ?::text[], ?::text[], ?::text[])
                           AS s (id, subject, hash, member, verb, object, course, lesson, duration, score, success, occurred,
                                 activity, object_subject, registration, activities, agents, members)
                    ON CONFLICT DO NOTHING RETURNING statement_id""");
            List<StatementFacts.Indexed> facts = statements.stream().map(batch.facts()::get).toList();
            ps.setObject(1, organizationId);
            ps.setObject(2, OffsetDateTime.ofInstant(batch.at(), ZoneOffset.UTC));
            ps.setString(3, batch.credential());
            ps.setArray(4, con.createArrayOf("uuid", statements.stream().map(Statement::id).toArray(UUID[]::new)));
            ps.setArray(5, con.createArrayOf("uuid",
                    statements.stream().map(s -> actors.get(s).subjectId()).toArray(UUID[]::new)));
            ps.setArray(6, con.createArrayOf("bytea",
                    statements.stream().map(s -> fingerprints.get(s.id())).toArray(byte[][]::new)));
            ps.setArray(7, con.createArrayOf("boolean",
                    statements.stream().map(s -> actors.get(s).member()).toArray(Boolean[]::new)));
            ps.setArray(8, con.createArrayOf("text", statements.stream().map(Statement::verbId).toArray(String[]::new)));
            ps.setArray(9, con.createArrayOf("text", statements.stream().map(Statement::objectId).toArray(String[]::new)));
            ps.setArray(10, con.createArrayOf("uuid", statements.stream().map(Statement::courseId).toArray(UUID[]::new)));
            ps.setArray(11, con.createArrayOf("uuid", statements.stream().map(Statement::lessonId).toArray(UUID[]::new)));
            ps.setArray(12, con.createArrayOf("bigint",
                    statements.stream().map(Statement::durationMillis).toArray(Long[]::new)));
            ps.setArray(13, con.createArrayOf("integer", statements.stream().map(Statement::score).toArray(Integer[]::new)));
            ps.setArray(14, con.createArrayOf("boolean",
                    statements.stream().map(Statement::success).toArray(Boolean[]::new)));
            ps.setArray(15, con.createArrayOf("text", statements.stream()
                    .map(s -> (s.timestamp() == null ? batch.at() : s.timestamp()).toString()).toArray(String[]::new)));
            ps.setArray(16, con.createArrayOf("text",
                    facts.stream().map(StatementFacts.Indexed::objectActivity).toArray(String[]::new)));
            ps.setArray(17, con.createArrayOf("uuid",
                    facts.stream().map(StatementFacts.Indexed::objectSubject).toArray(UUID[]::new)));
            ps.setArray(18, con.createArrayOf("uuid",
                    facts.stream().map(StatementFacts.Indexed::registration).toArray(UUID[]::new)));
            // most statements relate nothing beyond their own columns: NULL, which the partial indexes skip
            ps.setArray(19, con.createArrayOf("text", facts.stream()
                    .map(f -> f.activityIds().isEmpty() ? null : jsonArray(f.activityIds())).toArray(String[]::new)));
            ps.setArray(20, con.createArrayOf("text", facts.stream().map(f -> f.agentIds().isEmpty() ? null
                    : String.join(",", f.agentIds().stream().map(UUID::toString).toList())).toArray(String[]::new)));
            ps.setArray(21, con.createArrayOf("text", facts.stream().map(f -> f.memberIds().isEmpty() ? null
                    : String.join(",", f.memberIds().stream().map(UUID::toString).toList())).toArray(String[]::new)));
            return ps;
        }, (rs, n) -> rs.getObject(1, UUID.class)));
        if (claimed.size() == statements.size()) {
            return statements;
        }
        List<UUID> used = statements.stream().map(Statement::id).filter(id -> !claimed.contains(id)).toList();
        Map<UUID, byte[]> stored = new HashMap<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT statement_id, content_sha256 FROM xapi_statement "
                    + "WHERE organization_id = ? AND statement_id = ANY (?)");
            ps.setObject(1, organizationId);
            ps.setArray(2, con.createArrayOf("uuid", used.toArray(UUID[]::new)));
            return ps;
        }, rs -> {
            stored.put(rs.getObject(1, UUID.class), rs.getBytes(2));
        });
        for (UUID id : used) {
            if (!java.security.MessageDigest.isEqual(stored.get(id), fingerprints.get(id))) {
                throw CommandErrors.STATEMENT_CONFLICT.refusal(
                        "Statement " + id + " was already stored with different content; nothing was stored.",
                        Map.of("statementId", id.toString()));
            }
        }
        List<Statement> fresh = new ArrayList<>();
        statements.stream().filter(s -> claimed.contains(s.id())).forEach(fresh::add);
        return fresh;
    }

    /**
     * What the ledger row keeps for statement queries, besides the id: when and by which credential
     * the batch was stored, and each statement's {@link StatementFacts.Indexed facts}.
     */
    record Stored(java.time.Instant at, String credential, Map<Statement, StatementFacts.Indexed> facts) {
    }

    /** The associated data of a sealed copy (rows of V28 until {@link #inEvent}): it cannot be moved to another row. */
    static String field(UUID organizationId, UUID statementId) {
        return "xapi_statement.statement:" + organizationId + ":" + statementId;
    }

    private String jsonArray(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always serializable", e);
        }
    }

    @Override
    public void forget(UUID subjectId) {
        jdbc.update("UPDATE xapi_statement SET content_sha256 = NULL, statement_sealed = NULL WHERE subject_id = ?",
                subjectId);
    }

    /**
     * Keyed hash of the statement with its object keys sorted, so key order does not matter. The
     * text hashed is the statement written as JSON by this service's mapper with every object's keys
     * in {@link String#compareTo} order, without {@link #IGNORED} at the top, in UTF-8: the bytes of
     * every stored fingerprint. It is written straight from the tree, without sorted copies of the
     * objects for the mapper to walk.
     */
    byte[] fingerprint(ObjectNode statement) {
        // written as chars, as the mapper writes a String: its UTF-8 generator would escape the two
        // halves of a character beyond the BMP, and change the fingerprint of a statement holding one
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator generator = json.createGenerator(text)) {
            writeCanonical(generator, statement, true, json.getSerializerProviderInstance());
        } catch (IOException e) {
            throw new IllegalStateException("a parsed statement is always serializable", e);
        }
        return hasher.keyedHash(text.toString());
    }

    private static void writeCanonical(JsonGenerator out, JsonNode node, boolean top, SerializerProvider provider)
            throws IOException {
        if (node.isObject()) {
            String[] names = new String[node.size()];
            int n = 0;
            for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
                String name = fields.next();
                if (!top || !IGNORED.contains(name)) {
                    names[n++] = name;
                }
            }
            Arrays.sort(names, 0, n);
            out.writeStartObject();
            for (int i = 0; i < n; i++) {
                out.writeFieldName(names[i]);
                writeCanonical(out, node.get(names[i]), false, provider);
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode item : node) {
                writeCanonical(out, item, false, provider);
            }
            out.writeEndArray();
        } else {
            // a value writes itself as the mapper wrote it inside the sorted maps
            ((BaseJsonNode) node).serialize(out, provider);
        }
    }
}
