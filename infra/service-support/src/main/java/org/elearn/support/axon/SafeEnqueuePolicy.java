package org.elearn.support.axon;

import java.sql.SQLException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Dead-letters every failing event, as Axon's default does, but stores a cause that holds no
 * personal data and counts the retries. Axon would store the exception's message, and PostgreSQL's
 * messages quote the offending values ({@code Key (email)=(…) already exists}); so the stored
 * message is the SQL state only, or nothing when no SQL error is involved. The retry count lives
 * in the letter's diagnostics under {@value #RETRIES}: 0 when first parked, plus one per failed retry.
 */
public final class SafeEnqueuePolicy implements EnqueuePolicy<EventMessage<?>> {

    /** Diagnostics key of the number of failed retries. */
    public static final String RETRIES = "retries";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        long retries = retries(letter) + (letter.diagnostics().containsKey(RETRIES) ? 1 : 0);
        return Decisions.enqueue(safeCause(cause), parked -> parked.diagnostics().and(RETRIES, retries));
    }

    /** The failed retries recorded on a letter. */
    public static long retries(DeadLetter<?> letter) {
        return letter.diagnostics().get(RETRIES) instanceof Number n ? n.longValue() : 0;
    }

    static ThrowableCause safeCause(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return new ThrowableCause(cause.getClass().getName(), "SQL state " + sql.getSQLState());
            }
        }
        return new ThrowableCause(cause.getClass().getName(), null);
    }
}
