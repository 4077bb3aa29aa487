package org.elearn.query.jdbc;

import java.util.List;
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
 */
public final class BatchedWrites {

    private BatchedWrites() {
    }

    /** The messages of this unit of work: the whole batch, or the one message handled. */
    public static List<? extends EventMessage<?>> messages() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<?> messages = unitOfWork instanceof BatchingUnitOfWork<?> batching ? batching.getMessages()
                : List.of(unitOfWork.getMessage());
        return messages.stream().map(message -> (EventMessage<?>) message).toList();
    }

    /**
     * This unit of work's collector under this key: created on first use, and handed to
     * {@code write} when the unit of work prepares its commit.
     */
    public static <T> T of(String key, Supplier<T> create, Consumer<T> write) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(key, k -> {
            T collected = create.get();
            unitOfWork.onPrepareCommit(u -> write.accept(collected));
            return collected;
        });
    }
}
