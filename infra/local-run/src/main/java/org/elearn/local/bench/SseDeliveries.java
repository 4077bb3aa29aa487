package org.elearn.local.bench;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
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
 * receives for the rows' {@code "email":"…"} and timing each one whose statement was acknowledged,
 * against the acknowledgement. A load generator on the same two cores as the system must cost
 * little, so it reads with Reactor Netty (one connection per stream, no pool), never decodes the
 * bytes into lines or JSON, and counts delays into a 1 ms histogram rather than a list.
 */
final class SseDeliveries implements AutoCloseable {

    private static final byte[] MARKER = "\"email\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int[] FALLBACK = fallback(MARKER);
    private static final int MAX_MILLIS = 600_000;
    /** In place of an acknowledgement time: sent, not acknowledged yet (a delivery now counts as 0 ms). */
    static final long SENT = Long.MIN_VALUE;

    private final Map<String, Long> acknowledged;
    private final AtomicLongArray histogram = new AtomicLongArray(MAX_MILLIS + 1);
    private final LongAdder deliveries = new LongAdder();
    private final AtomicInteger connected = new AtomicInteger();
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
            Scanner scanner = new Scanner();
            streams.add(client.get().uri(url)
                    .response((response, body) -> {
                        connected.incrementAndGet();
                        return body.doOnNext(scanner::scan);
                    })
                    .subscribe(ignored -> { }, error -> { }));
        }
    }

    int connected() {
        return connected.get();
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

    /** Finds the marker across buffer boundaries (Knuth-Morris-Pratt) and collects the email after it. */
    private final class Scanner implements ByteProcessor {
        private int matched;
        private StringBuilder email;

        void scan(ByteBuf buffer) {
            buffer.forEachByte(this);
        }

        @Override
        public boolean process(byte value) {
            if (email != null) {
                if (value == '"') {
                    delivered(email.toString());
                    email = null;
                } else {
                    email.append((char) value);
                }
                return true;
            }
            while (matched > 0 && MARKER[matched] != value) {
                matched = FALLBACK[matched - 1];
            }
            if (MARKER[matched] == value && ++matched == MARKER.length) {
                matched = 0;
                email = new StringBuilder(40);
            }
            return true;
        }
    }

    private static int[] fallback(byte[] pattern) {
        int[] table = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = table[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            table[i] = k;
        }
        return table;
    }
}
