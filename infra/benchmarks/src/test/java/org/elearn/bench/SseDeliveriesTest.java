package org.elearn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The benchmark's receiving end finds every row's email, however the bytes are cut. */
class SseDeliveriesTest {

    private static final String EVENTS = """
            id:1
            event:row
            data:{"traineeId":"a","name":"Trainee 1","email":"trainee-1@bench.example","learningSeconds":60}

            :heartbeat

            id:2
            event:row
            data:{"traineeId":"b","name":"Trainee 2","email":"trainee-2@bench.example","learningSeconds":60}

            id:3
            event:row
            data:{"traineeId":"c","name":"Trainee 3","email":"not-acknowledged@bench.example"}

            """;

    @Test
    void everyAcknowledgedEmailIsCountedOnceWhereverTheBuffersAreCut() {
        byte[] bytes = EVENTS.getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < bytes.length; cut += 7) {
            Map<String, Long> acknowledged = new ConcurrentHashMap<>(Map.of(
                    "trainee-1@bench.example", SseDeliveries.SENT, "trainee-2@bench.example", SseDeliveries.SENT));
            try (SseDeliveries deliveries = new SseDeliveries(acknowledged)) {
                SseDeliveries.Scanner scanner = deliveries.scanner();
                for (int from = 0; from < bytes.length; from += cut) {
                    scanner.scan(Unpooled.wrappedBuffer(bytes, from, Math.min(cut, bytes.length - from)));
                }
                assertThat(deliveries.deliveries()).as("cut every %d bytes", cut).isEqualTo(2);
                assertThat(deliveries.percentile(99)).isZero();
            }
        }
    }
}
