package org.elearn.command.xapi.statements;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.elearn.command.xapi.protocol.XapiProperties;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.privacy.KeyVault;
import org.elearn.events.privacy.PersonalDataCryptor;
import org.elearn.events.privacy.SubjectCipher;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads stored statements for {@code GET /xapi/statements}, within one organization. The ledger row
 * ({@code xapi_statement}) holds what queries filter on, in clear and pseudonymous, and the statement
 * as stored, sealed under the actor's data key ({@link StatementLedger}): a page costs one key query
 * and one decryption per statement. Rows stored before the ledger kept the sealed copy read the
 * statement from its {@link StatementRecorded} event through the event serializer, which opens it
 * under the same key (one more query for the page). Once the actor is erased, their statements
 * read in an erased form built from what is clear: id, verb, object id, timestamp, stored, authority,
 * with a placeholder actor. A voided statement is found only by {@link #one} asked for a voided one.
 *
 * <p>Pages follow the storage order ({@code seq}); a page's {@code more} continues after the last
 * seq shown, within the database snapshot of the first page, so statements stored meanwhile never
 * show up in later pages and none is shown twice or skipped. Blocking: call it off the event loop.
 */
@Component
class StatementReads {

    /** The most statements one page holds; {@code limit=0} asks for this. */
    static final int MAX_LIMIT = 500;
    /** The actor of a statement whose actor was erased. */
    static final String ERASED_NAME = "erased";
    /** The field of {@link StatementRecorded} that holds the statement as stored, and its path when sealed. */
    private static final String STATEMENT_FIELD = "statement";
    private static final String COLUMNS = "statement_id, subject_id, seq, stored_at, object_activity, credential_key, "
            + "voided_by, verb_id, object_id, occurred_at, statement_sealed";

    /** A statement found, with when it was stored. */
    record Found(ObjectNode statement, Instant stored) {
    }

    /**
     * A statement read: the JSON text stored (from its sealed copy), which an exact answer writes as
     * it is, parsed only when a format or attachments need the tree; or the tree built from an event
     * or the ledger's clear columns.
     */
    final class Read {

        private final byte[] text;
        private ObjectNode tree;

        private Read(byte[] text, ObjectNode tree) {
            this.text = text;
            this.tree = tree;
        }

        /** The statement as a tree, to change in place (a format) or to look into (attachments). */
        ObjectNode tree() {
            if (tree == null) {
                tree = parse(text);
            }
            return tree;
        }

        /** The statement as stored, as compact JSON; the tree's if it was asked for (and maybe changed). */
        byte[] json() {
            return tree == null ? text : tree.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * A page, and where the next one starts (null when this is the last).
     *
     * @param after the last seq of the page
     * @param snapshot the snapshot of the first page, as PostgreSQL writes a {@code pg_snapshot}
     */
    record Page(List<Read> statements, Long after, String snapshot) {
    }

    private record Row(UUID id, UUID subject, long seq, Instant stored, String objectActivity, String credential,
                       UUID voidedBy, String verb, String objectId, Instant timestamp, byte[] sealed,
                       String snapshot) {
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final KeyVault keys;
    private final SubjectCipher cipher;
    private final PersonalDataCryptor cryptor;
    private final ObjectMapper json;
    private final String accountHomePage;

    StatementReads(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer, KeyVault keys,
                   ObjectMapper json, XapiProperties xapi) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.keys = keys;
        this.cipher = new SubjectCipher(keys);
        this.cryptor = new PersonalDataCryptor(keys, json);
        this.json = json;
        this.accountHomePage = xapi.accountHomePage();
    }

    /**
     * One statement of the organization: a voided one only when {@code voided}, else one that is not.
     *
     * @param onlyCredential when not null, only a statement this credential stored
     */
    Optional<Found> one(UUID organization, UUID id, boolean voided, String onlyCredential) {
        List<Row> rows = jdbc.query("SELECT " + COLUMNS + ", NULL::text FROM xapi_statement WHERE organization_id = ? "
                        + "AND statement_id = ? AND stored_at IS NOT NULL AND (CAST(? AS text) IS NULL OR credential_key = ?)",
                StatementReads::row, organization, id, onlyCredential, onlyCredential);
        return rows.stream().filter(r -> (r.voidedBy() != null) == voided).findFirst()
                .map(r -> new Found(statements(organization, List.of(r)).get(0).tree(), r.stored()));
    }

    /**
     * A page of the organization's statements that are not voided, matching the query.
     *
     * @param onlyCredential when not null, only statements this credential stored
     * @param after for a later page: the last seq of the previous one; else null
     * @param snapshot for a later page: the first page's snapshot; else null
     */
    Page page(UUID organization, StatementQuery query, String onlyCredential, Long after, String snapshot) {
        // what the page's statements themselves must be: the organization's, not voided, stored by the
        // credential if it reads only its own, within since and until, after the previous page
        StringBuilder base = new StringBuilder("organization_id = ? AND stored_at IS NOT NULL AND voided_by IS NULL");
        List<Object> baseArgs = new ArrayList<>();
        baseArgs.add(organization);
        if (onlyCredential != null) {
            base.append(" AND credential_key = ?");
            baseArgs.add(onlyCredential);
        }
        if (query.since() != null) {
            base.append(" AND stored_at > ?");
            baseArgs.add(Timestamp.from(query.since()));
        }
        if (query.until() != null) {
            base.append(" AND stored_at <= ?");
            baseArgs.add(Timestamp.from(query.until()));
        }
        if (after != null) {
            base.append(query.ascending() ? " AND seq > ?" : " AND seq < ?");
            baseArgs.add(after);
            base.append(" AND pg_visible_in_snapshot(tx_id, ?::pg_snapshot)");
            baseArgs.add(snapshot);
        }
        List<Object> filterArgs = new ArrayList<>();
        String filters = filters(query, "", filterArgs);
        int limit = query.limit() == 0 ? MAX_LIMIT : Math.min(query.limit(), MAX_LIMIT);
        String order = " ORDER BY seq " + (query.ascending() ? "ASC" : "DESC") + " LIMIT ?";
        String select = "SELECT " + COLUMNS + ", pg_current_snapshot()::text AS snapshot FROM xapi_statement WHERE ";
        List<Object> args = new ArrayList<>();
        String sql;
        if (filters.isEmpty()) {
            sql = select + base + order;
            args.addAll(baseArgs);
        } else {
            // xAPI 1.0.3 (Communication 2.1.4): a statement whose object is a StatementRef matches the
            // filters other than time and sequence when the statement it targets does (voided or not),
            // recursively; since, until and limit still apply to the targeting statement itself. The
            // filtered statements and the targeting ones are two ordered, limited selects, merged.
            List<Object> targetArgs = new ArrayList<>();
            String onTarget = filters(query, "t.", targetArgs);
            sql = "WITH RECURSIVE targeting (statement_id) AS ("
                    + "SELECT r.statement_id FROM xapi_statement r JOIN xapi_statement t "
                    + "ON t.organization_id = r.organization_id AND t.statement_id = " + STATEMENT_REF_TARGET
                    + " WHERE r.organization_id = ? AND " + IS_STATEMENT_REF + " AND t.stored_at IS NOT NULL"
                    + (onlyCredential == null ? "" : " AND t.credential_key = ?") + " AND " + onTarget
                    + " UNION SELECT r.statement_id FROM targeting m JOIN xapi_statement r ON r.organization_id = ? "
                    + "AND r.object_id = 'urn:uuid:' || m.statement_id WHERE " + IS_STATEMENT_REF + ") "
                    + "SELECT DISTINCT ON (seq) * FROM ((" + select + base + " AND " + filters + order + ") UNION ALL ("
                    + select + base + " AND statement_id IN (SELECT statement_id FROM targeting)" + order + ")) u"
                    + order;
            args.add(organization);
            if (onlyCredential != null) {
                args.add(onlyCredential);
            }
            args.addAll(targetArgs);
            args.add(organization);
            args.addAll(baseArgs);
            args.addAll(filterArgs);
            args.add(limit + 1);
            args.addAll(baseArgs);
            args.add(limit + 1);
        }
        args.add(limit + 1);
        List<Row> rows = jdbc.query(sql, StatementReads::row, args.toArray());
        boolean more = rows.size() > limit;
        List<Row> shown = more ? rows.subList(0, limit) : rows;
        List<Read> statements = statements(organization, shown);
        if (!more) {
            return new Page(statements, null, null);
        }
        return new Page(statements, shown.get(shown.size() - 1).seq(),
                snapshot != null ? snapshot : shown.get(0).snapshot());
    }

    /** A row whose object is a StatementRef (an Activity's id may also start with {@code urn:uuid:}). */
    private static final String IS_STATEMENT_REF = "r.object_activity IS NULL AND r.object_id LIKE 'urn:uuid:%'";
    /** The id a StatementRef row targets; null, not an error, for anything else. */
    private static final String STATEMENT_REF_TARGET = "CASE WHEN r.object_id ~ '^urn:uuid:[0-9a-f-]{36}$' "
            + "THEN substr(r.object_id, 10)::uuid END";

    /**
     * The query's filters other than time and sequence, on the columns of {@code alias} (empty for
     * the page's own rows), with their arguments; empty when there are none.
     */
    private static String filters(StatementQuery query, String alias, List<Object> args) {
        List<String> filters = new ArrayList<>();
        if (query.agent() != null) {
            // the actor and the object have columns (and indexes) of their own; the authority is the
            // credential; agent_ids holds only the other related agents, and is null for most rows;
            // member_ids the members of a Group actor or object, which match as the group does (xAPI 1.0.3)
            StringBuilder agent = new StringBuilder("(" + alias + "subject_id = ? OR " + alias + "object_subject = ? OR "
                    + alias + "member_ids @> ARRAY[?::uuid]");
            args.add(query.agent());
            args.add(query.agent());
            args.add(query.agent());
            if (query.relatedAgents()) {
                agent.append(" OR ").append(alias).append("agent_ids @> ARRAY[?::uuid]");
                args.add(query.agent());
                if (query.authority() != null) {
                    agent.append(" OR ").append(alias).append("credential_key = ?");
                    args.add(query.authority());
                }
            }
            filters.add(agent.append(")").toString());
        }
        if (query.verb() != null) {
            filters.add(iriEquals(alias + "verb_id"));
            args.add(query.verb());
            args.add(query.verb());
        }
        if (query.activity() != null) {
            // activity_ids holds only the related activities besides the object's
            filters.add(query.relatedActivities()
                    ? "(" + iriEquals(alias + "object_activity") + " OR " + alias + "activity_ids @> ARRAY[?::text])"
                    : iriEquals(alias + "object_activity"));
            args.add(query.activity());
            args.add(query.activity());
            if (query.relatedActivities()) {
                args.add(query.activity());
            }
        }
        if (query.registration() != null) {
            filters.add(alias + "registration = ?");
            args.add(query.registration());
        }
        return String.join(" AND ", filters);
    }

    /**
     * An IRI column equal to a parameter (bound twice): the ledger's indexes keep the IRI's 64-bit
     * hash (V32), which the first comparison reaches; the second tells apart IRIs of the same hash.
     */
    static String iriEquals(String column) {
        return "(hashtextextended(" + column + ", 0) = hashtextextended(?::text, 0) AND " + column + " = ?)";
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(10);
        return new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3),
                rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class),
                rs.getString(8), rs.getString(9), timestamp == null ? null : timestamp.toInstant(), rs.getBytes(11),
                rs.getString(12));
    }

    /**
     * The rows' statements, in order: one key query for all, then one event query for the rows whose
     * statement is in their event. A row stored since {@link StatementLedger#inEvent} opens the
     * statement text sealed in its {@link StatementRecorded} event (that field alone, the event is not
     * deserialized); a row with a sealed copy (V28 until then) opens that; a row stored before either
     * reads its event through the event serializer.
     */
    private List<Read> statements(UUID organization, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        cipher.prepare(rows.stream().map(r -> r.subject().toString()).distinct().toList());
        Map<String, Event> events = events(organization, rows.stream()
                .filter(r -> r.sealed() == null || StatementLedger.inEvent(r.sealed()))
                .filter(r -> keys.keyForReading(r.subject().toString()).isPresent()).toList());
        List<Read> statements = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (keys.keyForReading(row.subject().toString()).isEmpty()) {
                statements.add(new Read(null, erased(row)));
                continue;
            }
            if (row.sealed() != null && !StatementLedger.inEvent(row.sealed())) {
                byte[] text = cipher.openBytes(row.subject().toString(),
                        StatementLedger.field(organization, row.id()), row.sealed()).orElse(null);
                // the sealed text holds stored, authority and version as the LRS set them
                statements.add(text == null ? new Read(null, erased(row)) : new Read(text, null));
                continue;
            }
            Event event = events.get(PlainEvents.statementEventId(organization, row.id()));
            if (event == null) {
                throw new IllegalStateException("statement " + row.id() + " has a ledger row and no event");
            }
            if (StatementLedger.inEvent(row.sealed())) {
                // the event's text holds stored, authority and version as the LRS set them
                String text = cryptor.openText(row.subject().toString(), STATEMENT_FIELD, statementField(event))
                        .orElse(null);
                statements.add(text == null ? new Read(null, erased(row))
                        : new Read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), null));
                continue;
            }
            StatementRecorded recorded = serializer.deserialize(new SimpleSerializedObject<>(event.payload(),
                    byte[].class, new SimpleSerializedType(event.type(), event.revision())));
            statements.add(new Read(null, stored(row, parse(recorded.statement()))));
        }
        return statements;
    }

    /** A stored event as the event store keeps it. */
    private record Event(byte[] payload, String type, String revision) {
    }

    /** The events of the rows whose statement is read from their event, by event id: one query. */
    private Map<String, Event> events(UUID organization, List<Row> rows) {
        Map<String, Event> events = new HashMap<>();
        if (rows.isEmpty()) {
            return events;
        }
        String[] eventIds = rows.stream().map(r -> PlainEvents.statementEventId(organization, r.id()))
                .toArray(String[]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT event_identifier, payload, payload_type, payload_revision "
                    + "FROM domain_event_entry WHERE event_identifier = ANY (?)");
            ps.setArray(1, con.createArrayOf("text", eventIds));
            return ps;
        }, rs -> {
            events.put(rs.getString(1), new Event(rs.getBytes(2), rs.getString(3), rs.getString(4)));
        });
        return events;
    }

    /** The {@code statement} field of a {@link StatementRecorded} event's payload as stored (sealed). */
    private String statementField(Event event) {
        try (JsonParser parser = json.getFactory().createParser(event.payload())) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (STATEMENT_FIELD.equals(name) && value == JsonToken.VALUE_STRING) {
                        return parser.getText();
                    }
                    parser.skipChildren();
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored event is JSON", e);
        }
        throw new IllegalStateException("a StatementRecorded event without its statement");
    }

    private ObjectNode parse(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored statement is JSON", e);
        }
    }

    private ObjectNode parse(byte[] text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored statement is JSON", e);
        }
    }

    private ObjectNode stored(Row row, ObjectNode statement) {
        statement.put("stored", row.stored().toString());
        if (!statement.has("authority") || !statement.has("version")) { // stored before the LRS set them
            statement.set("authority", authority(row));
            if (!statement.path("version").isTextual()) {
                statement.put("version", "1.0.0");
            }
        }
        return statement;
    }

    /**
     * What is left of a statement whose actor was erased, from the ledger's clear columns: no personal
     * data, and a placeholder actor.
     */
    private ObjectNode erased(Row row) {
        ObjectNode statement = json.createObjectNode();
        statement.put("id", row.id().toString());
        statement.set("actor", erasedAgent());
        statement.putObject("verb").put("id", row.verb());
        String objectId = row.objectId() == null ? "" : row.objectId();
        if (row.objectActivity() != null) {
            statement.putObject("object").put("objectType", "Activity").put("id", row.objectActivity());
        } else if (objectId.startsWith("urn:uuid:")) {
            statement.putObject("object").put("objectType", "StatementRef")
                    .put("id", objectId.substring("urn:uuid:".length()));
        } else if ("urn:xapi:agent".equals(objectId)) {
            statement.set("object", erasedAgent());
        } else {
            statement.putObject("object").put("objectType", "Activity").put("id", objectId);
        }
        if (row.timestamp() != null) {
            statement.put("timestamp", row.timestamp().toString());
        }
        statement.put("stored", row.stored().toString());
        statement.set("authority", authority(row));
        statement.put("version", "1.0.0");
        return statement;
    }

    private ObjectNode erasedAgent() {
        ObjectNode agent = json.createObjectNode().put("objectType", "Agent");
        agent.putObject("account").put("homePage", accountHomePage).put("name", ERASED_NAME);
        return agent;
    }

    private ObjectNode authority(Row row) {
        ObjectNode agent = json.createObjectNode().put("objectType", "Agent");
        agent.putObject("account").put("homePage", accountHomePage).put("name", row.credential());
        return agent;
    }
}
