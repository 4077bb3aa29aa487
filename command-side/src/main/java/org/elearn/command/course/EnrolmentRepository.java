package org.elearn.command.course;

import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's event-sourcing repository for {@link Enrolment}, as Axon would configure it, except that an
 * enrolment whose history the {@code progress} processor's batch has already read
 * ({@link EnrolmentHistories}) is loaded from that read rather than from the event store. Every
 * other load (an HTTP enrol or unenrol, a progress retried alone) reads the event store as before.
 */
final class EnrolmentRepository extends EventSourcingRepository<Enrolment> {

    private final EnrolmentHistories histories;

    private EnrolmentRepository(Builder<Enrolment> builder, EnrolmentHistories histories) {
        super(builder);
        this.histories = histories;
    }

    @Override
    protected DomainEventStream readEvents(String aggregateIdentifier) {
        DomainEventStream read = histories.take(aggregateIdentifier);
        return read != null ? read : super.readEvents(aggregateIdentifier);
    }

    /** Named by {@code @Aggregate(repository = ...)} on {@link Enrolment}. */
    @Configuration(proxyBeanMethods = false)
    static class Beans {

        static final String NAME = "enrolmentRepository";

        /** With the handler definition and parameter resolvers Axon gives every aggregate (the certificate codes, say). */
        @Bean(NAME)
        EnrolmentRepository enrolmentRepository(EventStore eventStore,
                                                @Qualifier("parameterResolverFactory") ParameterResolverFactory resolvers,
                                                @Qualifier("handlerDefinition") HandlerDefinition handlers,
                                                EnrolmentHistories histories) {
            return new EnrolmentRepository(EventSourcingRepository.builder(Enrolment.class).eventStore(eventStore)
                    .parameterResolverFactory(resolvers).handlerDefinition(handlers), histories);
        }
    }
}
