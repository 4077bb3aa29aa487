package org.elearn.query.report.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;

/**
 * How a learning-report stream is written: as SSE events or as NDJSON lines, the same bytes as
 * Spring's own writers produce, but several messages per write and flush. A row from the
 * {@link ReportFeed} carries both encodings already ({@link ReportFeed.Frames}), so a change seen
 * by 200 streams is encoded once, not 200 times.
 */
enum StreamFormat {

    SSE(MediaType.TEXT_EVENT_STREAM) {
        @Override
        byte[] encode(StreamMessage message, ObjectMapper mapper) {
            if (message.data() instanceof ReportFeed.Frames frames) {
                return frames.sse();
            }
            return sse(message, message.data() == null ? null : json(() -> mapper.writeValueAsString(message.data())));
        }
    },

    NDJSON(MediaType.APPLICATION_NDJSON) {
        @Override
        byte[] encode(StreamMessage message, ObjectMapper mapper) {
            if (message.data() instanceof ReportFeed.Frames frames) {
                return frames.line();
            }
            byte[] json = json(() -> mapper.writeValueAsBytes(message));
            byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        }
    };

    /**
     * The most one write of a learning stream carries, unless a single message is larger. Netty
     * copies a heap buffer written to a connection into direct memory until the socket has taken
     * it, so each connection's share of direct memory is its writes in flight times this, whatever
     * size a batch of changes grows to while the processors catch up.
     */
    static final int WRITE_BYTES = 32 * 1024;

    /** What a message is assumed to take when it is not encoded yet: a row with long names. */
    private static final int UNENCODED_BYTES = 1024;

    private static final byte[] SSE_HEARTBEAT = ":heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
    private static final StreamMessage HEARTBEAT =
            new StreamMessage("heartbeat", null, null);

    private final MediaType type;

    StreamFormat(MediaType type) {
        this.type = type;
    }

    MediaType type() {
        return type;
    }

    /** One message, complete with its separator. */
    abstract byte[] encode(StreamMessage message, ObjectMapper mapper);

    /** Jackson's checked exception, unchecked: report values always serialize. */
    private static <T> T json(JsonWriting<T> writing) {
        try {
            return writing.write();
        } catch (JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private interface JsonWriting<T> {
        T write() throws JsonProcessingException;
    }

    /**
     * {@code items} in order, cut into consecutive pieces of at most {@link #WRITE_BYTES} by
     * {@code size} (a larger item goes alone). The pieces are views of the list; none is empty.
     */
    static <T> List<List<T>> pieces(List<T> items, java.util.function.ToIntFunction<T> size) {
        List<List<T>> pieces = new java.util.ArrayList<>();
        int start = 0;
        int bytes = 0;
        for (int i = 0; i < items.size(); i++) {
            int next = size.applyAsInt(items.get(i));
            if (i > start && bytes + next > WRITE_BYTES) {
                pieces.add(items.subList(start, i));
                start = i;
                bytes = 0;
            }
            bytes += next;
        }
        if (start < items.size()) {
            pieces.add(items.subList(start, items.size()));
        }
        return pieces;
    }

    /** A message's size in a write: exact when it is encoded already ({@link ReportFeed.Frames}). */
    static int size(StreamMessage message) {
        return message.data() instanceof ReportFeed.Frames frames ? frames.size() : UNENCODED_BYTES;
    }

    /** The keep-alive: an SSE comment, or a heartbeat line. */
    byte[] heartbeat(ObjectMapper mapper) {
        return this == SSE ? SSE_HEARTBEAT : encode(HEARTBEAT, mapper);
    }

    /** An SSE event with the message's version as id and its JSON (or nothing) as data. */
    private static byte[] sse(StreamMessage message, String json) {
        StringBuilder event = new StringBuilder(json == null ? 48 : json.length() + 48);
        if (message.version() != null) {
            event.append("id:").append(message.version()).append('\n');
        }
        event.append("event:").append(message.type()).append('\n');
        if (json != null) {
            event.append("data:").append(json.replace("\n", "\ndata:")).append('\n');
        }
        return event.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Messages, encoded into one buffer: one write and one flush for all of them. The buffer wraps
     * a heap array, so one dropped on a cancelled stream is simply collected.
     */
    DataBuffer write(List<StreamMessage> messages, ObjectMapper mapper, DataBufferFactory buffers) {
        if (messages.size() == 1) {
            return buffers.wrap(encode(messages.get(0), mapper)); // a shared chunk: not copied
        }
        byte[][] encoded = new byte[messages.size()][];
        int size = 0;
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = encode(messages.get(i), mapper);
            size += encoded[i].length;
        }
        byte[] joined = new byte[size];
        int at = 0;
        for (byte[] part : encoded) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return buffers.wrap(joined);
    }
}
