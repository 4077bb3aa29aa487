package org.elearn.events.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Brings the progress events stored before revision 2 ({@link CourseStarted}, {@link LessonCompleted},
 * {@link AssignmentSubmitted}, {@link AssessmentAttempted}, {@link CourseCompleted},
 * {@link CertificateIssued}) to revision 2.
 *
 * <p>Why: their time field held the client's statement {@code timestamp}, which a client may set
 * to any time, so a backdated statement gave a certificate an {@code issuedAt} earlier than the
 * course's {@code startedAt}. From revision 2 the time field is when the service learned of the
 * fact, and {@code reportedAt} keeps the client's time as reported. An old event's client time moves
 * to {@code reportedAt}; its time field becomes the time the event itself was stored, the nearest
 * record the service has of when it learned of it (progress follows ingestion by about a second).
 */
public final class ReportedTimeUpcaster extends SingleEventUpcaster {

    /** The revision this upcaster produces. */
    public static final String REVISION = "2";

    /** Each upcast event type and its time field. */
    private static final Map<String, String> TIME_FIELDS = Map.of(
            CourseStarted.class.getName(), "startedAt",
            LessonCompleted.class.getName(), "completedAt",
            AssignmentSubmitted.class.getName(), "submittedAt",
            AssessmentAttempted.class.getName(), "attemptedAt",
            CourseCompleted.class.getName(), "completedAt",
            CertificateIssued.class.getName(), "issuedAt");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getRevision() == null
                && TIME_FIELDS.containsKey(representation.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String type = representation.getType().getName();
        String timeField = TIME_FIELDS.get(type);
        Instant stored = representation.getTimestamp();
        return representation.upcastPayload(new SimpleSerializedType(type, REVISION), JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            event.set("reportedAt", event.get(timeField));
            event.put(timeField, stored.toString());
            return event;
        });
    }
}
