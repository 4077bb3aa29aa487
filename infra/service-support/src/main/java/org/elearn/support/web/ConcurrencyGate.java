package org.elearn.support.web;

import java.util.concurrent.Semaphore;

/**
 * At most a set number of some costly work at once on this instance. A caller that finds no free
 * slot is refused at once (503 with {@code Retry-After}) instead of waiting in a queue, so overload
 * cannot grow a backlog.
 */
public class ConcurrencyGate {

    private final Semaphore slots;

    public ConcurrencyGate(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a gate needs at least one slot");
        }
        this.slots = new Semaphore(slots);
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
