package org.elearn.query.report;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * One stream's pending changes: the set of rows changed since they were last sent. It starts
 * listening when created (before the snapshot is read, so nothing falls between the two) and hands
 * out the set only when the client has asked for more. A client that falls behind therefore gets
 * each changed row once, with its latest value, rather than a queue of every change: memory per
 * stream is bounded by the number of rows it can see.
 */
final class ChangeBuffer implements Disposable {

    private final Object lock = new Object();
    private final Set<UUID> dirty = new HashSet<>();
    private boolean resync;
    private FluxSink<Batch> sink;
    private final Disposable listening;

    /** Rows to send again, or every row (after a lost notification connection). */
    record Batch(Set<UUID> rows, boolean everything) {
    }

    /** {@code relevant} sees row changes only; a resync always counts. */
    ChangeBuffer(Flux<ReportChanges.Change> changes, Predicate<ReportChanges.Change> relevant) {
        this.listening = changes.subscribe(change -> {
            if (change.isResync() || relevant.test(change)) {
                synchronized (lock) {
                    if (change.isResync()) {
                        resync = true;
                    } else {
                        dirty.add(change.traineeId());
                    }
                }
                drain();
            }
        });
    }

    /** The batches, each emitted only on demand. Subscribe once. */
    Flux<Batch> batches() {
        return Flux.create(created -> {
            synchronized (lock) {
                sink = created;
            }
            created.onRequest(n -> drain());
            created.onDispose(this::dispose);
        });
    }

    private void drain() {
        Batch batch;
        FluxSink<Batch> target;
        synchronized (lock) {
            target = sink;
            if (target == null || target.requestedFromDownstream() == 0 || (dirty.isEmpty() && !resync)) {
                return;
            }
            batch = new Batch(Set.copyOf(dirty), resync);
            dirty.clear();
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
