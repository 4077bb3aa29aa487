package org.elearn.query.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.activity.StatementVoided;
import org.elearn.testsupport.TestDatabases;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What a plain test of a projection's handlers needs: a real PostgreSQL with the query side's
 * schema, the tokens a processor hands its handlers, the erasure fence, and a processor's unit of
 * work for projections that write a batch when it commits. No Spring context, no processor.
 */
public final class ProjectionTests {

    private ProjectionTests() {
    }

    /**
     * A fresh database with the event store's and the query side's schema; a test class keeps one in
     * a static field, and its tests tell their rows apart by fresh ids.
     */
    public static JdbcTemplate migratedDatabase() {
        TestDatabases.TestDatabase db = TestDatabases.create();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.user(), db.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore")
                .table("flyway_history_eventstore").load().migrate();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/query").table("flyway_history_query")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return new JdbcTemplate(dataSource);
    }

    /** The token a processor hands a handler with the event at this global index. */
    public static TrackingToken at(long globalIndex) {
        return GapAwareTrackingToken.newInstance(globalIndex, Set.of());
    }

    /** The event at this global index, as a processor reads it from the store. */
    public static TrackedEventMessage<?> tracked(Object payload, long globalIndex) {
        return tracked(payload, at(globalIndex));
    }

    /** The event with this token, as a processor reads it from the store. */
    public static TrackedEventMessage<?> tracked(Object payload, TrackingToken token) {
        return new GenericTrackedEventMessage<>(token, GenericEventMessage.asEventMessage(payload));
    }

    /** Fences the subject, as an erasure does before any projection hears of it. */
    public static void fence(JdbcTemplate jdbc, UUID subject) {
        jdbc.update("INSERT INTO data_subject_erasure (subject_id) VALUES (?) ON CONFLICT DO NOTHING",
                subject.toString());
    }

    /**
     * Handles these events as one processor batch does: each in turn as the unit of work's message,
     * then the commit, when projections that collect a batch write it.
     */
    public static void inOneBatch(List<? extends EventMessage<?>> messages, Consumer<EventMessage<?>> handle) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(messages));
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            handle.accept((EventMessage<?>) CurrentUnitOfWork.get().getMessage());
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            throw new IllegalStateException("the batch failed", result.exceptionResult());
        }
    }

    /**
     * Handles these events as one processor batch, each by the projection's handler that Axon picks
     * for it (with its token and time stamp): for projections with many handlers.
     */
    public static void inOneBatch(List<? extends EventMessage<?>> messages, Projection projection) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        inOneBatch(messages, message -> {
            try {
                handlers.handle(message);
            } catch (Exception e) {
                throw new IllegalStateException("the handler failed", e);
            }
        });
    }

    /** The event that voids this statement, as the command side builds it from the statement's figures. */
    public static StatementVoided voided(StatementRecorded statement) {
        return new StatementVoided(statement.statementId(), statement.organizationId(), statement.actorId(),
                statement.member(), UUID.randomUUID(), statement.verbId(), statement.objectId(), statement.courseId(),
                statement.lessonId(), statement.durationMillis(), statement.score(), statement.success(),
                statement.timestamp(), statement.stored(), statement.stored().plusSeconds(60));
    }

    /** A member's voiding statement naming this statement, as recorded. */
    public static StatementRecorded voiding(StatementRecorded target) {
        return new StatementRecorded(UUID.randomUUID(), target.organizationId(), target.actorId(), true,
                StatementVoided.VERB, "urn:uuid:" + target.statementId(), null, null, 60_000L, null, null,
                target.stored(), target.stored(), "{}", null, null, null);
    }

    /** Resets the projection as its processor does before a replay: through the reset handler Axon finds. */
    public static void resetAsAxonDoes(Projection projection) {
        new AnnotationEventHandlerAdapter(projection).prepareReset();
    }

    /** Rows of the table matching the condition, whose parameters follow. */
    public static long count(JdbcTemplate jdbc, String table, String where, Object... args) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE " + where, Long.class, args);
    }
}
