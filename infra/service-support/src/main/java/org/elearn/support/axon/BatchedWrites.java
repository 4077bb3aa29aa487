package org.elearn.support.axon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * What a projection's handlers collect during one unit of work (one processor batch of events),
 * written once when that unit of work is about to commit: in the transaction that stores the
 * processor's token, so the rows and the token still commit together. One statement per table for
 * a batch of 200 events instead of one or two per event.
 *
 * <p>A batch write happens outside any handler call, so a value PostgreSQL refuses there (a
 * constraint, a time stamp out of its range) would fail the whole batch, and the same batch again
 * on every retry: the segment would stall for every tenant with nothing dead-lettered. So a batch
 * whose write fails is remembered (its messages' ids), and when the segment retries it, it is
 * handled <em>one event at a time</em>: each handler call's collection is written right after the
 * call, inside the savepoint {@link SavepointPerEvent} opens for it. The event PostgreSQL refuses
 * then fails alone, its writes roll back to the savepoint, the dead-letter queue parks it (and the
 * later events of its sequence, as for any failing handler), and the other events commit with the
 * token. Units of work that are not batches (a dead letter handled again) are always one event at
 * a time. Where no {@link SavepointPerEvent} runs (a rebuild, a point-in-time replay), what is
 * still collected is written at commit as before.
 */
public final class BatchedWrites {

    private static final String PENDING = BatchedWrites.class.getName() + ".pending";
    private static final String ONE_AT_A_TIME = BatchedWrites.class.getName() + ".oneAtATime";
    /**
     * Ids of messages whose batch failed, each with its processor's name: other processors handle
     * the same events, and one of them committing must not clear another's marks before its retry.
     * Bounded, as a retry that never comes leaves them.
     */
    private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();
    private static final String PROCESSOR = BatchedWrites.class.getName() + ".processor";
    private static final int REMEMBERED = 100_000;

    private BatchedWrites() {
    }

    /** One collection and how to write it; written at most once. */
    private static final class Pending<T> {
        final T collected;
        final Consumer<T> write;
        boolean done;

        Pending(T collected, Consumer<T> write) {
            this.collected = collected;
            this.write = write;
        }

        void write() {
            if (!done) {
                done = true;
                write.accept(collected);
            }
        }
    }

    /**
     * This unit of work's collector under this key: created on first use, and handed to
     * {@code write} when the unit of work prepares its commit (or, one event at a time, when the
     * handler call returns).
     */
    @SuppressWarnings("unchecked")
    public static <T> T of(String key, Supplier<T> create, Consumer<T> write) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, Pending<?>> pending = root.getOrComputeResource(PENDING, k -> new LinkedHashMap<>());
        Pending<?> found = pending.get(key);
        if (found == null) {
            Pending<T> created = new Pending<>(create.get(), write);
            pending.put(key, created);
            root.onPrepareCommit(u -> writeBatch(root, created));
            found = created;
        }
        return (T) found.collected;
    }

    /** The messages this unit of work's collections are for: the batch, or the one message handled. */
    public static List<? extends EventMessage<?>> messages() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root instanceof BatchingUnitOfWork<?> batching && !oneAtATime(root)) {
            return batching.getMessages().stream().map(message -> (EventMessage<?>) message).toList();
        }
        return List.of((EventMessage<?>) CurrentUnitOfWork.get().getMessage());
    }

    /**
     * Called after each handler call, inside its savepoint: one event at a time, writes what the
     * call collected. A failure leaves nothing of the call's collections to be written later.
     */
    static void writeHandled() {
        List<Pending<?>> handled = takeHandled();
        try {
            handled.forEach(Pending::write);
        } finally {
            handled.forEach(p -> p.done = true);
        }
    }

    /** Called when a handler call failed: one event at a time, its collections are dropped unwritten. */
    static void discardHandled() {
        takeHandled().forEach(p -> p.done = true);
    }

    private static List<Pending<?>> takeHandled() {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, Pending<?>> pending = root.getResource(PENDING);
        if (pending == null || pending.isEmpty() || !oneAtATime(root)) {
            return List.of();
        }
        List<Pending<?>> handled = new ArrayList<>(pending.values());
        pending.clear();
        return handled;
    }

    private static void writeBatch(UnitOfWork<?> root, Pending<?> pending) {
        try {
            pending.write();
        } catch (RuntimeException e) {
            refuse(root);
            throw e;
        }
    }

    /**
     * Whether the current handler call is part of a processor batch handled as a whole: its writes
     * wait for the batch's commit, and a failure fails the batch, which is then retried one event at
     * a time ({@link SavepointPerEvent}).
     */
    static boolean handlingWholeBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root instanceof BatchingUnitOfWork<?> && !oneAtATime(root);
    }

    /** The current batch is to be retried one event at a time. */
    static void retryOneAtATime() {
        if (CurrentUnitOfWork.isStarted()) {
            refuse(CurrentUnitOfWork.get().root());
        }
    }

    private static void refuse(UnitOfWork<?> root) {
        if (root instanceof BatchingUnitOfWork<?> batching && !oneAtATime(root)) {
            if (REFUSED.size() > REMEMBERED) {
                REFUSED.clear();
            }
            batching.getMessages().forEach(message -> REFUSED.add(refusedKey(root, message.getIdentifier())));
        }
    }

    /** Whether this unit of work writes after each handler call: not a batch, or a batch whose write failed before. */
    private static boolean oneAtATime(UnitOfWork<?> root) {
        return root.getOrComputeResource(ONE_AT_A_TIME, k -> {
            if (!(root instanceof BatchingUnitOfWork<?> batching)) {
                return true;
            }
            List<String> ids = batching.getMessages().stream()
                    .map(message -> refusedKey(root, message.getIdentifier())).toList();
            boolean refused = ids.stream().anyMatch(REFUSED::contains);
            if (refused) {
                root.afterCommit(u -> ids.forEach(REFUSED::remove));
            }
            return refused;
        });
    }

    /** Names the processor whose batches this unit of work is (set by an interceptor before any handler call). */
    static void processedBy(UnitOfWork<?> unitOfWork, String processor) {
        unitOfWork.root().resources().putIfAbsent(PROCESSOR, processor);
    }

    private static String refusedKey(UnitOfWork<?> root, String messageId) {
        Object processor = root.getResource(PROCESSOR);
        return (processor == null ? "" : processor) + "/" + messageId;
    }
}
