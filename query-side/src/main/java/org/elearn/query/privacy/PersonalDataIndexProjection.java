package org.elearn.query.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.privacy.EncryptingSerializer;
import org.elearn.events.privacy.PersonalDataModel;
import org.elearn.events.privacy.RecordComponents;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes, per data subject, the stored events that carry their personal data (position and type
 * only), and the organization a subject belongs to, from the first event that names one. Erasure
 * drops the subject's index rows; erased subjects are never indexed again.
 */
@Component
@ProcessingGroup(PersonalDataIndexProjection.PROCESSING_GROUP)
class PersonalDataIndexProjection implements ErasableProjection {

    static final String PROCESSING_GROUP = "personal-data-index";

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final EncryptingSerializer serializer;

    PersonalDataIndexProjection(JdbcTemplate jdbc, ObjectMapper mapper,
                                @Qualifier("eventSerializer") EncryptingSerializer serializer) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.serializer = serializer;
    }

    @EventHandler
    void on(Object event, @org.axonframework.eventhandling.Timestamp Instant occurredAt, TrackingToken token) {
        PersonalDataModel model = PersonalDataModel.of(event.getClass());
        if (isPrivacyDecision(event)) {
            // no personal data, but part of what the export owes the subject: their consents,
            // restrictions, objections and cancellations
            Object subject = subjectOf(event, model);
            if (subject != null) {
                index(subject.toString(), organizationOf(event), token.position().orElseThrow(), event, occurredAt);
            }
            return;
        }
        if (!model.hasPersonalData()) {
            return;
        }
        JsonNode tree = mapper.valueToTree(event);
        if (!(tree instanceof ObjectNode root)) {
            return;
        }
        long position = token.position().orElseThrow();
        UUID organization = organizationOf(event);
        for (String subject : serializer.cryptor().fieldsBySubject(root, model).keySet()) {
            index(subject, organization, position, event, occurredAt);
        }
    }

    /** The event packages of the subject's own privacy decisions, listed in their export. */
    static boolean isPrivacyDecision(Object event) {
        String name = event.getClass().getPackageName();
        return name.equals("org.elearn.events.consent") || name.equals("org.elearn.events.processing")
                || name.equals("org.elearn.events.rights");
    }

    private static Object subjectOf(Object event, PersonalDataModel model) {
        return model.subjectProperty().map(property -> RecordComponents.value(event, property)).orElse(null);
    }

    private void index(String subject, UUID organization, long position, Object event, Instant occurredAt) {
        jdbc.update("""
                INSERT INTO data_subject (subject_id, organization_id) VALUES (?, ?)
                ON CONFLICT (subject_id) DO UPDATE
                   SET organization_id = COALESCE(data_subject.organization_id, EXCLUDED.organization_id)""",
                subject, organization);
        jdbc.update("""
                INSERT INTO personal_data_event (subject_id, global_index, payload_type, occurred_at)
                SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM data_subject_erasure WHERE subject_id = ?)
                ON CONFLICT DO NOTHING""",
                subject, position, event.getClass().getName(), Timestamp.from(occurredAt), subject);
    }

    /** The organization an event names in a top-level {@code organizationId}, which its subjects belong to. */
    private static UUID organizationOf(Object event) {
        return RecordComponents.value(event, "organizationId") instanceof UUID organization ? organization : null;
    }

    @Override
    public void erase(UUID subjectId) {
        jdbc.update("DELETE FROM personal_data_event WHERE subject_id = ?", subjectId.toString());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM personal_data_event");
        jdbc.update("DELETE FROM data_subject");
    }
}
