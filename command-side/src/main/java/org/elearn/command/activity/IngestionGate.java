package org.elearn.command.activity;

import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bounds the ingestion batches in progress. A request that finds no free slot is refused at once
 * (503 with {@code Retry-After}) instead of waiting in a queue: nothing is held in memory that a
 * client believes stored, and overload cannot grow a backlog.
 */
@Component
public class IngestionGate {

    private final Semaphore slots;

    IngestionGate(@Value("${learning.xapi.max-concurrent-batches:8}") int maxConcurrentBatches) {
        this.slots = new Semaphore(maxConcurrentBatches);
    }

    /** Takes a slot if one is free; the caller must {@link #release()} it when done. */
    public boolean tryAcquire() {
        return slots.tryAcquire();
    }

    public void release() {
        slots.release();
    }

    /** Takes every free slot, as if the service were saturated; for overload tests. Answers how many it took. */
    public int drain() {
        return slots.drainPermits();
    }

    /** Gives back slots taken by {@link #drain()}. */
    public void release(int taken) {
        slots.release(taken);
    }
}
