package org.elearn.query.report.stream;

import java.util.function.BinaryOperator;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * One stream's pending changes, folded into one value until the client asks for more. It starts
 * listening when created (before the snapshot is read, so nothing falls between the two). A
 * client that falls behind therefore gets what changed since it was last served, merged, rather
 * than a queue of every change: memory per stream is bounded by what it can see.
 *
 * @param <P> what is pending: for a figures stream only that something changed; for a learning
 *            stream the feed's batch as it came, or the rows of several batches merged
 */
final class ChangeBuffer<P> implements Disposable {

    private final Object lock = new Object();
    private final BinaryOperator<P> merge;
    private P pending;
    private FluxSink<P> sink;
    private final Disposable listening;

    private <S> ChangeBuffer(Flux<S> source, Function<S, P> intake, BinaryOperator<P> merge) {
        this.merge = merge;
        this.listening = source.subscribe(signal -> {
            P change = intake.apply(signal);
            if (change != null) {
                synchronized (lock) {
                    pending = pending == null ? change : this.merge.apply(pending, change);
                }
                drain();
            }
        });
    }

    /**
     * Listens to {@code source} from now on. {@code intake} says what a signal adds (null: nothing
     * for this stream); {@code merge} folds what came while the client was busy, older first.
     */
    static <S, P> ChangeBuffer<P> of(Flux<S> source, Function<S, P> intake, BinaryOperator<P> merge) {
        return new ChangeBuffer<>(source, intake, merge);
    }

    /** What is pending, each emitted only on demand. Subscribe once. */
    Flux<P> batches() {
        return Flux.create(created -> {
            synchronized (lock) {
                sink = created;
            }
            created.onRequest(n -> drain());
            created.onDispose(this::dispose);
        });
    }

    /** Emits under the lock, so that two drains (a new signal, a new request) never swap their order. */
    private void drain() {
        synchronized (lock) {
            if (sink == null || sink.requestedFromDownstream() == 0 || pending == null) {
                return;
            }
            P batch = pending;
            pending = null;
            sink.next(batch);
        }
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
