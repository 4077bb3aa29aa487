package org.elearn.query.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.elearn.events.privacy.EncryptingSerializer;
import org.elearn.events.privacy.PersonalDataCryptor;
import org.elearn.events.privacy.PersonalDataIntegrityException;
import org.elearn.events.privacy.PersonalDataModel;
import org.elearn.support.privacy.ErasedSubjects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Reads the stored history for the audit stream, a page at a time in global order, straight from
 * {@code domain_event_entry}: what is shown is what is stored (type, revision, metadata and payload
 * as written, not upcast). Personal fields are shown as {@value #REDACTED}, or decrypted for a
 * caller allowed to reveal them; an erased subject's fields show their replacement value either way.
 * Pages are read only as the client takes them ({@link Flux#generate}), so a slow reader holds one
 * page of memory, never more.
 */
@Component
class HistoryReader {

    static final String REDACTED = "[redacted]";
    static final int PAGE = 1000;

    /** How lines are framed. */
    enum Format { NDJSON, SSE }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final AuditEventTypes types;
    private final PersonalDataCryptor cryptor;
    private final ErasedSubjects erased;
    /** A plain mapper: stored JSON in, compact JSON out, nothing converted. */
    private final ObjectMapper mapper = new ObjectMapper();

    HistoryReader(DataSource dataSource, AuditEventTypes types, EncryptingSerializer serializer, ErasedSubjects erased) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.types = types;
        this.cryptor = serializer.cryptor();
        this.erased = erased;
    }

    /** The highest position stored now: a read without {@code until} ends there. */
    long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    /**
     * The events the query selects, after its cursor and up to {@code until}, framed; blocking, page by
     * page, and no more than the query's limit of lines.
     */
    Flux<byte[]> read(AuditQuery query, long until, Format format) {
        long limit = query.limit() == null ? Long.MAX_VALUE : query.limit();
        return Flux.<byte[], Cursor>generate(() -> new Cursor(query.after(), limit), (cursor, sink) -> {
            if (cursor.left() == 0) {
                sink.complete();
                return cursor;
            }
            Page page = page(query, cursor.after(), until, format, (int) Math.min(PAGE, cursor.left()));
            if (page.rows() == 0) {
                sink.complete();
            } else {
                sink.next(page.bytes());
            }
            return new Cursor(page.last(), cursor.left() - page.lines());
        }).filter(bytes -> bytes.length > 0);
    }

    /** Where a read stands: the last position read, and how many more lines it may send. */
    private record Cursor(long after, long left) {
    }

    /** One page: the framed lines, how many rows were read and lines written, and the position of the last row read. */
    record Page(byte[] bytes, int rows, int lines, long last) {
    }

    Page page(AuditQuery query, long after, long until, Format format, int maxLines) {
        StringBuilder sql = new StringBuilder("SELECT global_index, event_identifier, payload_type, payload_revision,"
                + " time_stamp, aggregate_identifier, sequence_number, type, meta_data, payload"
                + " FROM domain_event_entry WHERE global_index > ? AND global_index <= ?");
        List<Object> arguments = new ArrayList<>(List.of(after, until));
        if (query.aggregate() != null) {
            sql.append(" AND aggregate_identifier = ?");
            arguments.add(query.aggregate());
        }
        if (!query.types().isEmpty()) {
            sql.append(" AND payload_type = ANY (?)");
            arguments.add(query.types().toArray(String[]::new));
        }
        // cheap pre-selection in the database; the organization is checked exactly below
        for (java.util.UUID named : new java.util.UUID[] {query.subject(), query.organization()}) {
            if (named != null) {
                sql.append(" AND position(?::bytea IN payload) > 0");
                arguments.add(named.toString().getBytes(StandardCharsets.US_ASCII));
            }
        }
        sql.append(" ORDER BY global_index LIMIT ").append(PAGE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(PAGE * 512);
        int rows = 0;
        int lines = 0;
        long last = after;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < arguments.size(); i++) {
                Object argument = arguments.get(i);
                if (argument instanceof String[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("varchar", array));
                } else {
                    statement.setObject(i + 1, argument);
                }
            }
            statement.setFetchSize(PAGE);
            try (ResultSet rs = statement.executeQuery()) {
                while (lines < maxLines && rs.next()) {
                    rows++;
                    last = rs.getLong(1);
                    if (write(rs, query, format, out)) {
                        lines++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the event history failed", e);
        }
        return new Page(out.toByteArray(), rows, lines, last);
    }

    /** Writes the row's line, unless the query's time or organization leaves it out; whether it wrote. */
    private boolean write(ResultSet rs, AuditQuery query, Format format, ByteArrayOutputStream out) throws SQLException {
        long position = rs.getLong("global_index");
        String type = rs.getString("payload_type");
        String timestamp = rs.getString("time_stamp");
        if (!inTime(timestamp, query)) {
            return false;
        }
        String integrityError = null;
        JsonNode payload = tree(rs.getBytes("payload"));
        if (payload == null) {
            integrityError = "the stored payload is not JSON";
        }
        if (query.organization() != null && payload != null
                && !query.organization().toString().equals(payload.path("organizationId").asText(null))) {
            return false;
        }
        PersonalDataModel model = types.model(type);
        if (model == null || !(payload instanceof ObjectNode root)) {
            payload = null; // outside the contract: what in it is personal cannot be told
        } else if (model.hasPersonalData()) {
            integrityError = protect(root, model, query.reveal());
        }
        if (format == Format.SSE) {
            out.writeBytes(("id: " + position + "\nevent: event\ndata: ").getBytes(StandardCharsets.US_ASCII));
        }
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeNumberField("position", position);
            json.writeStringField("eventId", rs.getString("event_identifier"));
            json.writeStringField("type", type);
            json.writeStringField("revision", rs.getString("payload_revision"));
            json.writeStringField("timestamp", timestamp);
            json.writeObjectFieldStart("aggregate");
            json.writeStringField("id", rs.getString("aggregate_identifier"));
            json.writeStringField("type", rs.getString("type"));
            json.writeNumberField("sequence", rs.getLong("sequence_number"));
            json.writeEndObject();
            byte[] metadata = rs.getBytes("meta_data");
            json.writeFieldName("metadata");
            JsonNode metadataTree = metadata == null ? null : tree(metadata);
            if (metadata != null && metadataTree == null) {
                integrityError = "the stored metadata is not JSON";
            }
            mapper.writeTree(json, metadataTree);
            json.writeFieldName("payload");
            mapper.writeTree(json, payload);
            if (integrityError != null) {
                json.writeStringField("integrityError", integrityError);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.writeBytes(format == Format.SSE ? new byte[] {'\n', '\n'} : new byte[] {'\n'});
        return true;
    }

    /**
     * Redacts or decrypts the personal fields in place. A ciphertext that fails authentication is
     * an integrity error: the event is shown redacted, with the error (subject id and field path,
     * no data) beside it.
     */
    private String protect(ObjectNode root, PersonalDataModel model, boolean reveal) {
        if (reveal) {
            ObjectNode copy = root.deepCopy();
            try {
                cryptor.decrypt(copy, model);
                root.setAll(copy);
                return null;
            } catch (PersonalDataIntegrityException e) {
                cryptor.redact(root, model, erased::contains, REDACTED);
                return e.getMessage();
            }
        }
        cryptor.redact(root, model, erased::contains, REDACTED);
        return null;
    }

    private static boolean inTime(String timestamp, AuditQuery query) {
        if (query.fromTime() == null && query.untilTime() == null) {
            return true;
        }
        Instant at = Instant.parse(timestamp);
        return (query.fromTime() == null || !at.isBefore(query.fromTime()))
                && (query.untilTime() == null || !at.isAfter(query.untilTime()));
    }

    /** The stored JSON, or null when it does not parse (which only tampering could cause). */
    private JsonNode tree(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
