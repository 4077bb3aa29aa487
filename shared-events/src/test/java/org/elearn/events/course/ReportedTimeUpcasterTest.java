package org.elearn.events.course;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ReportedTimeUpcaster} over the JSON of progress events as revision 1 stored them
 * ({@code stored-events/course/*.json}): the client's time moves to {@code reportedAt}, the time
 * field becomes when the event was stored, and the result reads as the current record.
 */
class ReportedTimeUpcasterTest {

    private static final Instant STORED = Instant.parse("2026-11-25T10:00:01.500Z");
    private static final UUID TRAINEE = UUID.fromString("1b7a4c52-5a0e-4a7e-9d51-3f0c2a9e6b11");
    private static final UUID COURSE = UUID.fromString("6f0e8d9a-2b4c-4e1f-8a3d-7c5b9e2f1a04");
    private static final UUID ORGANIZATION = UUID.fromString("0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f");
    private static final UUID LESSON = UUID.fromString("3e2d1c0b-9a8f-4e7d-6c5b-4a3928171605");

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()
            .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)).build();
    private final ReportedTimeUpcaster upcaster = new ReportedTimeUpcaster();

    @Test
    void eachOldEventReadsWithItsStoredTimeAndTheClientTimeAsReported() {
        assertThat(upcast("CourseStarted", null)).isEqualTo(new CourseStarted(TRAINEE, COURSE, ORGANIZATION, STORED,
                Instant.parse("2020-01-01T08:00:00Z")));
        assertThat(upcast("LessonCompleted", null)).isEqualTo(new LessonCompleted(TRAINEE, COURSE, ORGANIZATION,
                LESSON, STORED, Instant.parse("2020-01-01T08:10:00Z")));
        assertThat(upcast("AssignmentSubmitted", null)).isEqualTo(new AssignmentSubmitted(TRAINEE, COURSE,
                ORGANIZATION, LESSON, null, STORED, Instant.parse("2020-01-01T08:20:00Z")));
        assertThat(upcast("AssessmentAttempted", null)).isEqualTo(new AssessmentAttempted(TRAINEE, COURSE,
                ORGANIZATION, LESSON, LessonKind.EXAM, 90, true, STORED, Instant.parse("2020-01-01T08:30:00.123Z")));
        assertThat(upcast("CourseCompleted", null)).isEqualTo(new CourseCompleted(TRAINEE, COURSE, ORGANIZATION,
                STORED, Instant.parse("2020-01-01T08:30:00.123Z")));
        assertThat(upcast("CertificateIssued", null)).isEqualTo(new CertificateIssued(
                UUID.fromString("9d8c7b6a-5f4e-4d3c-2b1a-0f9e8d7c6b5a"), TRAINEE, COURSE, ORGANIZATION,
                "7KQ2-M9XD-4HTR-PB6W", STORED, Instant.parse("2020-01-01T08:30:00.123Z")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CourseStarted", "LessonCompleted", "AssignmentSubmitted", "AssessmentAttempted",
            "CourseCompleted", "CertificateIssued"})
    void theUpcastRevisionIsTheOneTheRecordDeclares(String type) {
        List<IntermediateEventRepresentation> upcast = representations(type, null);
        assertThat(upcast).hasSize(1);
        SerializedType declared = serializer.typeForClass(serializer.classForType(upcast.get(0).getType()));
        assertThat(upcast.get(0).getType()).isEqualTo(declared);
        assertThat(declared.getRevision()).isEqualTo(ReportedTimeUpcaster.REVISION);
    }

    @Test
    void anEventAlreadyAtRevisionTwoIsLeftAlone() {
        List<IntermediateEventRepresentation> untouched = representations("CourseStarted", ReportedTimeUpcaster.REVISION);
        assertThat(untouched.get(0).getType().getRevision()).isEqualTo(ReportedTimeUpcaster.REVISION);
        assertThat(untouched.get(0).getData(com.fasterxml.jackson.databind.JsonNode.class).getData().has("reportedAt"))
                .isFalse();
    }

    private Object upcast(String type, String revision) {
        return serializer.deserialize(representations(type, revision).get(0).getData());
    }

    private List<IntermediateEventRepresentation> representations(String type, String revision) {
        String name = "org.elearn.events.course." + type;
        SerializedType serializedType = new SimpleSerializedType(name, revision);
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Enrolment", UUID.randomUUID().toString(),
                3, UUID.randomUUID().toString(), STORED, serializedType.getName(), serializedType.getRevision(),
                fixture(type), "{}".getBytes());
        return upcaster.upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();
    }

    private static byte[] fixture(String type) {
        try (InputStream in = ReportedTimeUpcasterTest.class.getResourceAsStream("/stored-events/course/" + type + ".json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
