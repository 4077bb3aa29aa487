package org.elearn.query.privacy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.elearn.events.privacy.EncryptingSerializer;
import org.elearn.events.privacy.PersonalDataModel;
import org.elearn.query.QueryErrors;
import org.elearn.query.activity.ActivityQueries;
import org.elearn.query.course.CourseQueries;
import org.elearn.query.auditor.AuditorQueries;
import org.elearn.query.instructor.InstructorQueries;
import org.elearn.query.jdbc.JsonRows;
import org.elearn.query.membership.MemberQueries;
import org.elearn.query.organization.OrganizationQueries;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Builds the personal-data export (right of access and portability), grouped by the categories of
 * the privacy statement ({@link DataCategory}). Each category holds the subject's stored events,
 * decrypted, with their time: every event that names the subject or carries their personal data
 * (found through {@link PersonalDataIndexProjection}); and the current projection rows about them.
 * Plus a description of the lookups that hold keyed hashes only. Blocking (JDBC and decryption):
 * call it off the event loop.
 */
@Service
class PersonalDataExport {

    /** Identifies the document's schema, documented in docs/privacy.md. */
    static final String FORMAT = "urn:elearn:personal-data-export:2";

    /** The projection rows about a subject, by category and name: one row (or null), or a list. */
    private record Rows(DataCategory category, String name, Function<UUID, Object> read) {
    }

    /** The report's rows about a subject (the one parameter), shown as {@link JsonRows}: one, or a list. */
    private Function<UUID, Object> reportRows(boolean many, String sql) {
        return subjectId -> {
            List<Map<String, Object>> found = jdbc.queryForList(sql, subjectId).stream().map(JsonRows::of).toList();
            return many ? found : found.stream().findFirst().orElse(null);
        };
    }

    private final List<Rows> rows;
    private final JdbcTemplate jdbc;
    private final EncryptingSerializer serializer;
    private final ObjectMapper mapper;

    PersonalDataExport(JdbcTemplate jdbc, @Qualifier("eventSerializer") EncryptingSerializer serializer,
                       ObjectMapper mapper, MemberQueries members, OrganizationQueries organizations,
                       InstructorQueries instructors, AuditorQueries auditors, CourseQueries courses,
                       ActivityQueries activity) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.mapper = mapper;
        this.rows = List.of(
                new Rows(DataCategory.ACCOUNT, "member", id -> members.recordNow(id).orElse(null)),
                new Rows(DataCategory.ACCOUNT, "administrator", id -> organizations.recordNow(id).orElse(null)),
                new Rows(DataCategory.ACCOUNT, "auditor", id -> auditors.recordNow(id).orElse(null)),
                new Rows(DataCategory.PROFILE, "instructorProfile", id -> instructors.recordNow(id).orElse(null)),
                new Rows(DataCategory.SHARED_CONTENT, "courses", courses::coursesOfInstructorNow),
                new Rows(DataCategory.TEACHING_CONTENT, "enrolments", courses::enrolmentsOfTraineeNow),
                new Rows(DataCategory.TEACHING_CONTENT, "lessonProgress", courses::lessonProgressOfTraineeNow),
                new Rows(DataCategory.TEACHING_CONTENT, "certificates", courses::certificatesOfTraineeNow),
                new Rows(DataCategory.TEACHING_CONTENT, "courseFigures", reportRows(true,
                        "SELECT * FROM report_enrolment WHERE trainee_id = ? ORDER BY enrolled_at, course_id")),
                new Rows(DataCategory.USAGE, "learningTime", id -> activity.recordNow(id).orElse(null)),
                new Rows(DataCategory.USAGE, "learningFigures", reportRows(false,
                        "SELECT * FROM report_trainee WHERE trainee_id = ?")));
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
                .orElseThrow(() -> QueryErrors.USER_NOT_FOUND.refusal("No user with this id."));
    }

    /**
     * The document: its schema, the subject, when it was made, each category's part by key, and the
     * lookups that hold keyed hashes only.
     */
    record Document(String format, String subjectId, Instant generatedAt, Map<String, Category> categories,
                    List<Lookup> lookups) {
    }

    /**
     * One category's part: the subject's events with what they hold in this category, and the
     * projection rows by name (a row or null, or a list of rows).
     */
    record Category(List<EventEntry> events, Map<String, Object> records) {
    }

    /**
     * What one event holds in a category: its facts in clear ({@code data}, only in the event's own
     * category and only when the event names the subject) and the subject's personal fields in this
     * category, decrypted, by path; each absent when there is none.
     */
    record EventEntry(long globalIndex, String type, Instant occurredAt,
                      @JsonInclude(JsonInclude.Include.NON_NULL) ObjectNode data,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, JsonNode> personalData) {
    }

    /** A lookup table that holds a keyed hash of the subject's data, and what it holds. */
    record Lookup(String name, String holds) {
    }

    private static final List<Lookup> LOOKUPS = List.of(new Lookup("email_lookup",
                    "HMAC-SHA256 of the normalised email under a key kept outside the database; not reversible"),
            new Lookup("member_address", "the same HMAC of the email an organization has for a member; not reversible"));

    Document export(UUID subjectId) {
        if (status(subjectId).erased()) {
            throw QueryErrors.USER_ERASED.refusal("This user's personal data was erased.");
        }
        String subject = subjectId.toString();
        Map<DataCategory, Category> categories = new EnumMap<>(DataCategory.class);
        for (DataCategory category : DataCategory.values()) {
            categories.put(category, new Category(new ArrayList<>(), new LinkedHashMap<>()));
        }
        jdbc.query("""
                SELECT i.global_index, e.payload, e.payload_type, e.payload_revision, i.occurred_at
                  FROM personal_data_event i JOIN domain_event_entry e ON e.global_index = i.global_index
                 WHERE i.subject_id = ? ORDER BY i.global_index""", rs -> {
            Object event = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes("payload"), byte[].class,
                    new SimpleSerializedType(rs.getString("payload_type"), rs.getString("payload_revision"))));
            Instant occurredAt = rs.getObject("occurred_at", OffsetDateTime.class).toInstant();
            entries(event, subject, rs.getLong("global_index"), occurredAt)
                    .forEach((category, entry) -> categories.get(category).events().add(entry));
        }, subject);
        for (Rows part : rows) {
            categories.get(part.category()).records().put(part.name(), part.read().apply(subjectId));
        }
        Map<String, Category> byKey = new LinkedHashMap<>();
        categories.forEach((category, part) -> byKey.put(category.key(), part));
        return new Document(FORMAT, subject, Instant.now(), byKey, LOOKUPS);
    }

    /**
     * What one event holds about the subject, by category: its facts in clear ({@code data}: ids,
     * times, scores; only when the event names the subject) in the event's category, and the
     * subject's personal fields, decrypted, each in its own category.
     */
    private Map<DataCategory, EventEntry> entries(Object event, String subject, long globalIndex, Instant occurredAt) {
        Class<?> type = event.getClass();
        PersonalDataModel model = PersonalDataModel.of(type);
        ObjectNode tree = mapper.valueToTree(event);
        Map<String, JsonNode> personal = serializer.cryptor().fieldsBySubject(tree, model)
                .getOrDefault(subject, Map.of());
        // a type the completeness test has not seen yet still shows, as account data
        DataCategory main = Objects.requireNonNullElse(DataCategory.of(type), DataCategory.ACCOUNT);
        boolean named = model.subjectProperty().map(tree::get).map(JsonNode::asText).filter(subject::equals)
                .isPresent();
        ObjectNode data = named ? withoutPersonalData(tree.deepCopy(), model) : null;
        Map<DataCategory, Map<String, JsonNode>> fields = new EnumMap<>(DataCategory.class);
        personal.forEach((path, value) -> fields.computeIfAbsent(
                Objects.requireNonNullElse(DataCategory.ofField(type, path), main),
                category -> new LinkedHashMap<>()).put(path, value));
        Map<DataCategory, EventEntry> entries = new EnumMap<>(DataCategory.class);
        for (DataCategory category : DataCategory.values()) {
            ObjectNode facts = category == main ? data : null;
            if (facts != null || fields.containsKey(category)) {
                entries.put(category, new EventEntry(globalIndex, type.getSimpleName(), occurredAt, facts,
                        fields.get(category)));
            }
        }
        return entries;
    }

    /** The event with every personal-data field taken out, nested ones included: what is in clear. */
    private static ObjectNode withoutPersonalData(ObjectNode node, PersonalDataModel model) {
        for (PersonalDataModel.Property property : model.properties()) {
            JsonNode value = node.get(property.name());
            if (property.personal()) {
                node.remove(property.name());
            } else if (value instanceof ObjectNode object) {
                withoutPersonalData(object, property.nested());
            } else if (value instanceof ArrayNode array) {
                array.forEach(element -> {
                    if (element instanceof ObjectNode object) {
                        withoutPersonalData(object, property.nested());
                    }
                });
            }
        }
        return node;
    }
}
