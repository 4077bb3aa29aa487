package org.elearn.support.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Message;
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
 * <p>Costs a {@code SAVEPOINT} and a {@code RELEASE SAVEPOINT} per handler call. Aggregates'
 * {@link EventSourcingHandler}s are left alone: they write nothing.
 */
public class SavepointPerEvent implements HandlerEnhancerDefinition {

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

    /** Carries a handler's checked exception through the template, which rolls back on it too. */
    private static final class Checked extends RuntimeException {
        Checked(Exception cause) {
            super(cause);
        }
    }
}
