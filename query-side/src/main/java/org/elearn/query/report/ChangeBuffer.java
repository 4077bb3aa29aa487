package org.elearn.query.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * One stream's pending changes: the rows changed since they were last sent, each with its latest
 * value. It starts listening when created (before the snapshot is read, so nothing falls between
 * the two) and hands out what is pending only when the client has asked for more. A client that
 * falls behind therefore gets each changed row once, with its latest value, rather than a queue of
 * every change: memory per stream is bounded by the number of rows it can see.
 *
 * @param <T> what is kept per changed row (the row itself, or just that it changed)
 */
final class ChangeBuffer<T> implements Disposable {

    /** What a signal of the source adds to the pending changes. */
    interface Intake<T> {
        /** The row changed; its latest value replaces any pending one. */
        void row(UUID id, T value);

        /** Notifications may have been missed: everything must be sent again. */
        void resync();
    }

    /** Rows to send again, or every row (after a lost notification connection). */
    record Batch<T>(Map<UUID, T> rows, boolean everything) {
    }

    private final Object lock = new Object();
    private final Map<UUID, T> pending = new LinkedHashMap<>();
    private boolean resync;
    private FluxSink<Batch<T>> sink;
    private final Disposable listening;

    private <S> ChangeBuffer(Flux<S> source, BiConsumer<S, Intake<T>> intake) {
        Intake<T> into = new Intake<>() {
            @Override
            public void row(UUID id, T value) {
                synchronized (lock) {
                    pending.put(id, value);
                }
            }

            @Override
            public void resync() {
                synchronized (lock) {
                    resync = true;
                }
            }
        };
        this.listening = source.subscribe(signal -> {
            intake.accept(signal, into);
            drain();
        });
    }

    /** Listens to {@code source} from now on; {@code intake} says what each signal adds. */
    static <S, T> ChangeBuffer<T> of(Flux<S> source, BiConsumer<S, Intake<T>> intake) {
        return new ChangeBuffer<>(source, intake);
    }

    /** The batches, each emitted only on demand. Subscribe once. */
    Flux<Batch<T>> batches() {
        return Flux.create(created -> {
            synchronized (lock) {
                sink = created;
            }
            created.onRequest(n -> drain());
            created.onDispose(this::dispose);
        });
    }

    private void drain() {
        Batch<T> batch;
        FluxSink<Batch<T>> target;
        synchronized (lock) {
            target = sink;
            if (target == null || target.requestedFromDownstream() == 0 || (pending.isEmpty() && !resync)) {
                return;
            }
            batch = new Batch<>(new LinkedHashMap<>(pending), resync);
            pending.clear();
            resync = false;
        }
        target.next(batch);
    }

    @Override
    public void dispose() {
        listening.dispose();
    }

    @Override
    public boolean isDisposed() {
        return listening.isDisposed();
    }
}
