package org.elearn.query.privacy;

import org.elearn.support.axon.ReadsNoPersonalData;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.privacy.EncryptingSerializer;
import org.elearn.events.privacy.PersonalDataModel;
import org.elearn.events.privacy.RecordComponents;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.elearn.query.jdbc.ArrayStatement;
import org.elearn.query.projection.Projection;
import org.elearn.support.axon.BatchedWrites;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static org.elearn.query.jdbc.ArrayStatement.of;
import static org.elearn.query.jdbc.ArrayStatement.text;

/**
 * Indexes, per data subject, the stored events that name them ({@code @DataSubjectId}) or carry
 * their personal data (position and type only), and the organization a subject belongs to, from
 * the first event that names one. Erasure drops the subject's index rows; erased subjects are never
 * indexed again. A batch of events is indexed with three statements when it commits
 * ({@link BatchedWrites}), not two per event.
 */
@Component
@ReadsNoPersonalData
@ProcessingGroup(PersonalDataIndexProjection.PROCESSING_GROUP)
class PersonalDataIndexProjection extends Projection {

    static final String PROCESSING_GROUP = "personal-data-index";

    private static final String BATCH = PersonalDataIndexProjection.class.getName();

    private final ObjectMapper mapper;
    private final EncryptingSerializer serializer;

    PersonalDataIndexProjection(JdbcTemplate jdbc, ObjectMapper mapper,
                                @Qualifier("eventSerializer") EncryptingSerializer serializer) {
        super(jdbc, List.of("personal_data_event", "data_subject"));
        this.mapper = mapper;
        this.serializer = serializer;
    }

    @EventHandler
    void on(Object event, @org.axonframework.eventhandling.Timestamp Instant occurredAt, TrackingToken token) {
        PersonalDataModel model = PersonalDataModel.of(event.getClass());
        Set<String> subjects = new LinkedHashSet<>();
        // the subject an event names is indexed even when it carries no personal data: enrolments,
        // progress, certificates and privacy decisions are ids and times, but about that person
        Object named = model.subjectProperty().map(property -> RecordComponents.value(event, property)).orElse(null);
        if (named != null) {
            subjects.add(named.toString());
        }
        if (model.hasPersonalData() && !(named != null && holdsOnlyTheNamedSubjectsData(model))
                && mapper.valueToTree(event) instanceof ObjectNode root) {
            subjects.addAll(serializer.cryptor().fieldsBySubject(root, model).keySet());
        }
        if (subjects.isEmpty()) {
            return;
        }
        long position = position(token);
        UUID organization = organizationOf(event);
        for (String subject : subjects) {
            index(subject, organization, position, event, occurredAt);
        }
    }

    /** True when every personal field is the event's own subject's, so the event need not be walked. */
    private static boolean holdsOnlyTheNamedSubjectsData(PersonalDataModel model) {
        return model.properties().stream().allMatch(p -> p.personal() && p.subjectPath().isEmpty());
    }

    /** This batch's index rows, and the organization of each subject it names (the first known). */
    private static final class Batch {
        final Map<String, UUID> subjects = new TreeMap<>();
        final List<Entry> entries = new ArrayList<>();
    }

    private record Entry(String subject, long position, String type, Instant occurredAt) {
    }

    private void index(String subject, UUID organization, long position, Object event, Instant occurredAt) {
        Batch batch = BatchedWrites.of(BATCH, Batch::new, this::write);
        UUID known = batch.subjects.get(subject);
        batch.subjects.put(subject, known != null ? known : organization);
        batch.entries.add(new Entry(subject, position, event.getClass().getName(), occurredAt));
    }

    /**
     * Writes the batch: new subjects, the organization of subjects that had none (only those rows
     * change, so a subject named by every statement is not rewritten each time), and the index
     * rows of subjects not erased. Subjects go in id order, so concurrent batches lock them alike.
     */
    private void write(Batch batch) {
        if (batch.entries.isEmpty()) {
            return;
        }
        var subjects = new ArrayList<>(batch.subjects.entrySet());
        ArrayStatement.Columns subjectColumns = connection -> new Array[] {
                text(connection, subjects, Map.Entry::getKey), text(connection, subjects, Map.Entry::getValue)};
        ArrayStatement.execute(jdbc, """
                INSERT INTO data_subject (subject_id, organization_id)
                SELECT v.id, v.org::uuid FROM unnest(?::text[], ?::text[]) AS v(id, org)
                ON CONFLICT (subject_id) DO NOTHING""", subjectColumns);
        ArrayStatement.execute(jdbc, """
                UPDATE data_subject s SET organization_id = v.org::uuid
                  FROM unnest(?::text[], ?::text[]) AS v(id, org)
                 WHERE s.subject_id = v.id AND s.organization_id IS NULL AND v.org IS NOT NULL""", subjectColumns);
        var entries = batch.entries;
        ArrayStatement.execute(jdbc, """
                INSERT INTO personal_data_event (subject_id, global_index, payload_type, occurred_at)
                SELECT v.id, v.position, v.type, v.at::timestamptz
                  FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[]) AS v(id, position, type, at)
                 WHERE %s
                ON CONFLICT DO NOTHING""".formatted(notFenced("v.id")), connection -> new Array[] {
                text(connection, entries, Entry::subject), of(connection, "int8", entries, Entry::position),
                text(connection, entries, Entry::type), text(connection, entries, Entry::occurredAt)});
        batch.subjects.clear();
        batch.entries.clear();
    }

    /** The organization an event names in a top-level {@code organizationId}, which its subjects belong to. */
    private static UUID organizationOf(Object event) {
        return RecordComponents.value(event, "organizationId") instanceof UUID organization ? organization : null;
    }

    @Override
    public void erase(UUID subjectId) {
        jdbc.update("DELETE FROM personal_data_event WHERE subject_id = ?", subjectId.toString());
    }
}
