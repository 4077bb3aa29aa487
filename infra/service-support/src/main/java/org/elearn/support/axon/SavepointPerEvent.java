package org.elearn.support.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs every event handler call inside a savepoint of the processor's transaction. PostgreSQL
 * aborts the whole transaction on the first failed statement (a NUL in a text column, say): the
 * dead-letter queue, which writes in that same transaction, then failed too, the batch rolled back
 * and the segment retried the same poison event forever, stalling every organization on it. With
 * the savepoint, a failing handler's writes are rolled back alone, the transaction stays usable,
 * and the dead letter commits atomically with the token that moves past it.
 *
 * <p>A batch being handled one event at a time ({@link BatchedWrites}) also writes what each call
 * collected inside that call's savepoint, so a value PostgreSQL refuses there fails that event alone.
 *
 * <p>A savepoint costs a {@code SAVEPOINT} and a {@code RELEASE SAVEPOINT} per handler call: for a
 * statement handled by three projections and the command side's progress, eight round trips per
 * statement, where the batched projections themselves make one per table and batch. So a batch is
 * first handled whole, without savepoints: the handlers succeed nearly always, and the savepoint
 * only mattered when one fails. When a handler call of a whole batch fails, the batch is rolled back
 * entirely (its dead letter too, and with it whatever the call wrote) and retried one event at a
 * time, each call in its savepoint, as a batch whose write failed is ({@link BatchedWrites}); the
 * failing event is then parked as before, the others commit. The retry costs the segment Axon's
 * release and re-claim of it (a few seconds), and is not counted as a processor failure
 * ({@link OneEventAtATime}). Units of work that are not batches (a dead letter retried) always
 * take the savepoint. Aggregates' {@link EventSourcingHandler}s are left alone: they write nothing.
 */
public class SavepointPerEvent implements HandlerEnhancerDefinition {

    private static final String FAILED_WITHOUT_SAVEPOINT = SavepointPerEvent.class.getName() + ".failed";

    private final TransactionTemplate nested;

    public SavepointPerEvent(PlatformTransactionManager transactionManager) {
        this.nested = new TransactionTemplate(transactionManager);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class) || original.hasAnnotation(EventSourcingHandler.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                    return handleAndWrite(message, target);
                }
                if (BatchedWrites.handlingWholeBatch()) {
                    try {
                        return super.handle(message, target);
                    } catch (Exception | Error e) {
                        BatchedWrites.retryOneAtATime();
                        CurrentUnitOfWork.get().root().resources().put(FAILED_WITHOUT_SAVEPOINT, Boolean.TRUE);
                        throw e;
                    }
                }
                try {
                    return nested.execute(status -> {
                        try {
                            return handleAndWrite(message, target);
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new Checked(e);
                        }
                    });
                } catch (Checked e) {
                    throw (Exception) e.getCause();
                }
            }

            private Object handleAndWrite(Message<?> message, T target) throws Exception {
                try {
                    Object result = super.handle(message, target);
                    BatchedWrites.writeHandled();
                    return result;
                } catch (Exception | Error e) {
                    BatchedWrites.discardHandled();
                    throw e;
                }
            }
        };
    }

    /**
     * Fails the whole batch when a handler call of it failed without a savepoint, even where the
     * dead-letter queue took the event: its transaction may be aborted, or hold the call's writes.
     * A handler interceptor, so it runs around the dead-letter queue, on every processor.
     */
    static MessageHandlerInterceptor<EventMessage<?>> wholeBatchGuard(String processor) {
        return (unitOfWork, chain) -> {
            BatchedWrites.processedBy(unitOfWork, processor);
            Object result;
            try {
                result = chain.proceed();
            } catch (Exception e) {
                if (failedWithoutSavepoint(unitOfWork)) {
                    throw new OneEventAtATime(e);
                }
                throw e;
            }
            if (failedWithoutSavepoint(unitOfWork)) {
                throw new OneEventAtATime(null);
            }
            return result;
        };
    }

    private static boolean failedWithoutSavepoint(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().resources().remove(FAILED_WITHOUT_SAVEPOINT) != null;
    }

    /**
     * A batch rolled back to be handled again one event at a time: the way to park a failing event,
     * not a failure of the processor.
     */
    static final class OneEventAtATime extends RuntimeException {
        OneEventAtATime(Exception cause) {
            super("a handler call failed in a batch handled whole; retrying the batch one event at a time", cause);
        }
    }

    /** Carries a handler's checked exception through the template, which rolls back on it too. */
    private static final class Checked extends RuntimeException {
        Checked(Exception cause) {
            super(cause);
        }
    }
}
