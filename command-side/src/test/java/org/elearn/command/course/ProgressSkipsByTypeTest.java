package org.elearn.command.course;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.course.CourseStarted;
import org.junit.jupiter.api.Test;

/**
 * The {@code progress} processor picks its events by their stored type: an event it does not handle
 * is passed over before its payload is deserialized (let alone decrypted), and a statement is
 * accepted without deserializing it either (its handler then reads it sealed).
 */
class ProgressSkipsByTypeTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()).build();
    private final SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder()
            .eventHandlers(new AnnotationEventHandlerAdapter(new ProgressFromStatements(null, null, null, null)))
            .build();

    private SerializedMessage<Object> stored(Object payload) {
        return new SerializedMessage<>(UUID.randomUUID().toString(), serializer.serialize(payload, byte[].class),
                serializer.serialize(MetaData.emptyInstance(), byte[].class), serializer);
    }

    @Test
    void anEventOfAnotherTypeIsSkippedWithoutDeserializingIt() {
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        SerializedMessage<Object> started = stored(new CourseStarted(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), at, at));

        assertThat(invoker.canHandle(new GenericEventMessage<>(started, () -> at), Segment.ROOT_SEGMENT)).isFalse();
        assertThat(started.isPayloadDeserialized()).isFalse();
    }

    @Test
    void aStatementIsTakenByItsTypeWithoutDeserializingIt() {
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        SerializedMessage<Object> statement = stored(new StatementRecorded(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), true, "http://adlnet.gov/expapi/verbs/completed", "https://lms.example/x", null,
                null, null, null, null, at, at, "{}", null, null, null));

        assertThat(invoker.canHandle(new GenericEventMessage<>(statement, () -> at), Segment.ROOT_SEGMENT)).isTrue();
        assertThat(statement.isPayloadDeserialized()).isFalse();
    }
}
