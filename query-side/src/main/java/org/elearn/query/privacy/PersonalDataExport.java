package org.elearn.query.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.elearn.events.privacy.EncryptingSerializer;
import org.elearn.events.privacy.PersonalDataModel;
import org.elearn.support.web.ApiException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Builds the personal-data export (right of access and portability): the subject's personal fields
 * from every stored event that carries them, decrypted, with their time; the current projection rows
 * about them; and a description of the lookups that hold keyed hashes only. Blocking (JDBC and
 * decryption): call it off the event loop.
 */
@Service
class PersonalDataExport {

    /** Identifies the document's schema, documented in docs/privacy.md. */
    static final String FORMAT = "urn:elearn:personal-data-export:1";

    private final JdbcTemplate jdbc;
    private final EncryptingSerializer serializer;
    private final ObjectMapper mapper;

    PersonalDataExport(JdbcTemplate jdbc, @Qualifier("eventSerializer") EncryptingSerializer serializer,
                       ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.mapper = mapper;
    }

    record SubjectStatus(UUID organizationId, boolean erased) {
    }

    SubjectStatus status(UUID subjectId) {
        return jdbc.query("""
                        SELECT s.organization_id, f.subject_id IS NOT NULL
                          FROM (SELECT ?::varchar AS subject_id) q
                          LEFT JOIN data_subject s ON s.subject_id = q.subject_id
                          LEFT JOIN data_subject_erasure f ON f.subject_id = q.subject_id
                         WHERE s.subject_id IS NOT NULL OR f.subject_id IS NOT NULL""",
                        (rs, n) -> new SubjectStatus(rs.getObject(1, UUID.class), rs.getBoolean(2)),
                        subjectId.toString())
                .stream().findFirst()
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "user-not-found", "No user with this id."));
    }

    Map<String, Object> export(UUID subjectId) {
        if (status(subjectId).erased()) {
            throw new ApiException(HttpStatus.GONE, "user-erased", "This user's personal data was erased.");
        }
        String subject = subjectId.toString();
        List<Map<String, Object>> events = new ArrayList<>();
        jdbc.query("""
                SELECT i.global_index, e.payload, e.payload_type, e.payload_revision, i.occurred_at
                  FROM personal_data_event i JOIN domain_event_entry e ON e.global_index = i.global_index
                 WHERE i.subject_id = ? ORDER BY i.global_index""", rs -> {
            Object event = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes("payload"), byte[].class,
                    new SimpleSerializedType(rs.getString("payload_type"), rs.getString("payload_revision"))));
            ObjectNode tree = mapper.valueToTree(event);
            Map<String, JsonNode> fields = serializer.cryptor()
                    .fieldsBySubject(tree, PersonalDataModel.of(event.getClass()))
                    .getOrDefault(subject, Map.of());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("globalIndex", rs.getLong("global_index"));
            entry.put("type", event.getClass().getSimpleName());
            entry.put("occurredAt", rs.getObject("occurred_at", OffsetDateTime.class).toInstant());
            entry.put("personalData", fields);
            if (PersonalDataIndexProjection.isPrivacyDecision(event)) {
                entry.put("decision", tree); // consent, restriction, objection, cancellation: ids and times only
            }
            events.add(entry);
        }, subject);

        Map<String, Object> projections = new LinkedHashMap<>();
        projections.put("instructorProfile", jdbc.queryForList(
                "SELECT instructor_id, name, registered_at FROM instructor_profile WHERE instructor_id = ?",
                subjectId).stream().findFirst().orElse(null));

        projections.put("member", jdbc.queryForList("""
                SELECT member_id, organization_id, name, email, phone, department, role, status, nickname, gender,
                       employee_id, position, entry_date, joined_at
                  FROM member_view WHERE member_id = ?""", subjectId).stream().findFirst().orElse(null));
        projections.put("administrator", jdbc.queryForList("""
                SELECT administrator_id, organization_id, name, email, phone, occupation, documents::text AS documents,
                       status, registered_at
                  FROM administrator_view WHERE administrator_id = ?""", subjectId).stream().findFirst().orElse(null));

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", FORMAT);
        document.put("subjectId", subject);
        document.put("generatedAt", Instant.now());
        document.put("events", events);
        document.put("projections", projections);
        document.put("lookups", List.of(Map.of("name", "email_lookup",
                "holds", "HMAC-SHA256 of the normalised email under a key kept outside the database; not reversible")));
        return document;
    }
}
