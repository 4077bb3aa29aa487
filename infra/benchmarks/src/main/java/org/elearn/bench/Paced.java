package org.elearn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Work handed out at a fixed rate, whatever the answers: batch {@code b} is due at
 * {@code b / rate} seconds and is sent by one of {@code clients} threads (16 in flight at most, the
 * rest wait their turn in this load generator, not in the service).
 */
final class Paced {

    private Paced() {
    }

    /**
     * Sends {@code batches} batches of {@code size} at {@code rate} statements per second; returns the
     * rate reached, from the first batch's due time to the last batch's answer.
     */
    static double run(int batches, int size, double rate, IntFunction<Callable<?>> batch) throws Exception {
        double interval = 1e9 * size / rate;
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            long start = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>(batches);
            for (int b = 0; b < batches; b++) {
                long wait = start + (long) (b * interval) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing of a load generator
                }
                sent.add(clients.submit(batch.apply(b)));
            }
            for (Future<?> each : sent) {
                each.get();
            }
            return (double) batches * size / ((System.nanoTime() - start) / 1e9);
        } finally {
            clients.shutdownNow();
        }
    }
}
