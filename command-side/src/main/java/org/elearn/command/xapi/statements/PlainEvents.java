package org.elearn.command.xapi.statements;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.activity.StatementVoided;
import org.springframework.stereotype.Component;

/**
 * The append of plain events: facts that belong to no aggregate, so no aggregate's command handler
 * applies them. Today these are the xAPI statements, one {@link StatementRecorded} each, and their
 * voiding, one {@link StatementVoided} per voided statement. The
 * statement ingestion stores them this way, and so does any tool that has to write them exactly as
 * the ingestion does (the audit benchmark seeds its store through this class).
 *
 * <p>A statement's event has an id derived from the organization and the statement id
 * ({@link #statementEventId}), so the same statement stored twice would clash on the event store's
 * unique event id rather than be recorded twice; its metadata names the ingestion credential; its
 * timestamp is the time it was stored. A voiding's event has an id derived the same way from the
 * voided statement's id ({@link #voidedEventId}): a statement is voided once.
 *
 * <p>{@link #append} writes a batch in one root unit of work, which Axon commits inside the caller's
 * transaction: the batch is stored all or nothing, with whatever else that transaction writes. It
 * blocks on JDBC: call it off the event loop, inside a transaction.
 */
@Component
public class PlainEvents {

    private final EventStore eventStore;

    PlainEvents(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * The message that records a statement.
     *
     * @param credential the key of the ingestion credential that sent it
     */
    public static EventMessage<StatementRecorded> statementRecorded(StatementRecorded event, String credential) {
        return new GenericEventMessage<>(statementEventId(event.organizationId(), event.statementId()), event,
                Map.of("credential", credential), event.stored());
    }

    /**
     * The message that voids a statement.
     *
     * @param credential the key of the ingestion credential that sent the voiding statement
     */
    public static EventMessage<StatementVoided> statementVoided(StatementVoided event, String credential) {
        return new GenericEventMessage<>(voidedEventId(event.organizationId(), event.statementId()), event,
                Map.of("credential", credential), event.voided());
    }

    /** The id of the event that voids a statement, derived from the organization and the voided statement's id. */
    public static String voidedEventId(UUID organization, UUID statementId) {
        return UUID.nameUUIDFromBytes(("xapi-voided:" + organization + ":" + statementId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The id of a statement's event, derived from the organization and the statement id. */
    public static String statementEventId(UUID organization, UUID statementId) {
        return UUID.nameUUIDFromBytes(("xapi-statement:" + organization + ":" + statementId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Appends the events in one root unit of work; Axon writes the whole batch when it commits, in the
     * caller's transaction. Nothing happens for an empty batch.
     */
    public void append(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            eventStore.publish(events);
            unitOfWork.commit();
        } catch (RuntimeException e) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(e);
            }
            throw e;
        }
    }
}
