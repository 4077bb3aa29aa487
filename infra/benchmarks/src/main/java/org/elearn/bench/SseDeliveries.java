package org.elearn.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The receiving end of the delivery benchmark: many SSE connections, each scanning the bytes it
 * receives for the rows' emails and timing each one whose statement was acknowledged,
 * against the acknowledgement. A load generator on the same two cores as the system must cost
 * little, so it reads with Reactor Netty (one connection per stream, no pool), never decodes the
 * bytes into lines or JSON, and counts delays into a 1 ms histogram rather than a list.
 */
final class SseDeliveries implements AutoCloseable {

    private static final int MAX_MILLIS = 600_000;
    /** In place of an acknowledgement time: sent, not acknowledged yet (a delivery now counts as 0 ms). */
    static final long SENT = Long.MIN_VALUE;

    private final Map<String, Long> acknowledged;
    private final AtomicLongArray histogram = new AtomicLongArray(MAX_MILLIS + 1);
    private final LongAdder deliveries = new LongAdder();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final Disposable.Composite streams = Disposables.composite();

    /** {@code acknowledged}: email to the {@link System#nanoTime()} its statement was acknowledged, or {@link #SENT}. */
    SseDeliveries(Map<String, Long> acknowledged) {
        this.acknowledged = acknowledged;
    }

    /** Opens {@code count} streams of {@code url}, resuming past every row, so no snapshot comes. */
    void open(String url, String token, int count) {
        HttpClient client = HttpClient.create(ConnectionProvider.newConnection())
                .headers(headers -> headers.set("Authorization", "Bearer " + token)
                        .set("Accept", "text/event-stream").set("Last-Event-ID", "900000000000000000"));
        for (int i = 0; i < count; i++) {
            Scanner scanner = scanner();
            streams.add(client.get().uri(url)
                    .response((response, body) -> {
                        connected.incrementAndGet();
                        return body.doOnNext(scanner::scan);
                    })
                    .subscribe(ignored -> { }, error -> ended.incrementAndGet(), ended::incrementAndGet));
        }
    }

    /** What one stream reads with. */
    Scanner scanner() {
        return new Scanner();
    }

    int connected() {
        return connected.get();
    }

    /** Streams the server ended, or that failed, before {@link #close}: each one misses what came after. */
    int ended() {
        return ended.get();
    }

    long deliveries() {
        return deliveries.sum();
    }

    /** The delay below which {@code p} percent of the deliveries came, in ms (nearest rank, 1 ms buckets). */
    double percentile(double p) {
        long total = 0;
        for (int i = 0; i < histogram.length(); i++) {
            total += histogram.get(i);
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < histogram.length(); i++) {
            seen += histogram.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return Double.NaN;
    }

    private void delivered(String email) {
        Long ack = acknowledged.get(email);
        if (ack != null) {
            long millis = ack == SENT ? 0 : (System.nanoTime() - ack) / 1_000_000;
            histogram.incrementAndGet((int) Math.min(MAX_MILLIS, Math.max(0, millis)));
            deliveries.increment();
        }
    }

    @Override
    public void close() {
        streams.dispose();
    }

    /**
     * Finds each delivered row's email. Rows carry exactly one {@code @}, in the email (bench names
     * and other fields have none), so the scanner searches for that byte with Netty's word-at-a-time
     * {@code indexOf}, then reads back and forth to the quotes. A line cut between two buffers is
     * carried over (a few hundred bytes at most).
     */
    final class Scanner {
        private byte[] carry = new byte[0];

        void scan(ByteBuf buffer) {
            int from = buffer.readerIndex();
            int to = buffer.writerIndex();
            int firstLineEnd = buffer.indexOf(from, to, (byte) '\n');
            if (firstLineEnd < 0) {
                carry = concat(carry, buffer, from, to);
                return;
            }
            if (carry.length > 0) {
                byte[] line = concat(carry, buffer, from, firstLineEnd);
                carry = new byte[0];
                emails(io.netty.buffer.Unpooled.wrappedBuffer(line), 0, line.length);
                from = firstLineEnd;
            }
            int lastLineEnd = lastIndexOf(buffer, from, to);
            emails(buffer, from, lastLineEnd);
            carry = concat(carry, buffer, lastLineEnd + 1, to);
        }

        private void emails(ByteBuf buffer, int from, int to) {
            int at = buffer.indexOf(from, to, (byte) '@');
            while (at >= 0) {
                int start = at;
                while (start > from && buffer.getByte(start - 1) != '"') {
                    start--;
                }
                int end = buffer.indexOf(at, to, (byte) '"');
                if (end < 0) {
                    return;
                }
                delivered(buffer.toString(start, end - start, StandardCharsets.US_ASCII));
                at = buffer.indexOf(end, to, (byte) '@');
            }
        }

        private int lastIndexOf(ByteBuf buffer, int from, int to) {
            int last = buffer.indexOf(to, from, (byte) '\n'); // from > to: searches backwards
            return last < 0 ? from : last;
        }

        private byte[] concat(byte[] head, ByteBuf buffer, int from, int to) {
            byte[] joined = java.util.Arrays.copyOf(head, head.length + Math.max(0, to - from));
            buffer.getBytes(from, joined, head.length, Math.max(0, to - from));
            return joined;
        }
    }

}
