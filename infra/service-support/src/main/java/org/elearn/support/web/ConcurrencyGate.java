package org.elearn.support.web;

import java.util.concurrent.Semaphore;
import org.elearn.support.errors.ErrorCode;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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

    /**
     * {@code work} run while holding a slot, given back however it ends (done, failed or
     * cancelled); or, with no slot free, {@code 503} with {@code busy}'s code and nothing started.
     */
    public <T> Mono<T> guard(ErrorCode busy, String detail, Mono<T> work) {
        return Mono.usingWhen(slot(busy, detail), taken -> work, taken -> Mono.fromRunnable(this::release));
    }

    /** As {@link #guard}, for work that goes on emitting, such as a stream: the slot is held until it ends. */
    public <T> Flux<T> guardMany(ErrorCode busy, String detail, Flux<T> work) {
        return Flux.usingWhen(slot(busy, detail), taken -> work, taken -> Mono.fromRunnable(this::release));
    }

    private Mono<Boolean> slot(ErrorCode busy, String detail) {
        return Mono.fromCallable(this::tryAcquire).flatMap(taken -> taken ? Mono.just(true)
                : Mono.error(busy.refusal(detail)));
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
