package org.elearn.query.jdbc;

import java.util.function.Consumer;
import java.util.function.Supplier;
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
