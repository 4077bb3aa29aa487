package org.elearn.support.axon;

import org.axonframework.common.transaction.TransactionManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.elearn.events.StoredEventUpcasters;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.elearn.events.privacy.DataSubjectSequencingPolicy;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.elearn.support.db.DatabaseAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon on PostgreSQL without Axon Server: the JDBC storage engine, token store and dead-letter queue
 * on the snake_case tables of {@link EventStoreSchemas}, the event store, and the processors' health.
 */
@AutoConfiguration(after = DatabaseAutoConfiguration.class,
        beforeName = {"org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration"})
@EnableConfigurationProperties({ProcessorsProperties.class, EventStoreProperties.class})
public class EventStoreAutoConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventStoreSchemas.events();
    }

    /** Stored events of an older revision; Axon registers every {@code EventUpcaster} bean in its chain. */
    @Bean
    EventUpcaster storedEventUpcasters() {
        return StoredEventUpcasters.chain();
    }

    @Bean
    TokenSchema tokenSchema() {
        return EventStoreSchemas.tokens();
    }

    /**
     * Axon's JDBC token store, with the balancer's node id, unique to this application context.
     * Axon's default (the JVM's {@code pid@host}) is shared by two instances in one JVM, as in the
     * two-instance tests: each then believed it owned every segment and both processed everything.
     */
    @Bean
    org.axonframework.eventhandling.tokenstore.TokenStore tokenStore(
            ConnectionProvider connectionProvider, @Qualifier("serializer") Serializer serializer, TokenSchema schema,
            SegmentBalancer balancer,
            @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(schema)
                .claimTimeout(claimTimeout)
                .nodeId(balancer.instanceId())
                .build();
    }

    /**
     * Spreads every pooled processor's segments over the live instances of this service (see the
     * balancer). An instance counts as gone once its heartbeat is older than the claim timeout,
     * when its claims expire too.
     */
    @Bean
    SegmentBalancer segmentBalancer(javax.sql.DataSource dataSource, TokenSchema schema,
                                    @Value("${spring.application.name:service}") String service,
                                    ProcessorsProperties processors,
                                    @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        String instanceId = java.lang.management.ManagementFactory.getRuntimeMXBean().getName() + "/"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        return new SegmentBalancer(dataSource, schema, instanceId, service, processors.heartbeatInterval(),
                claimTimeout);
    }

    @Bean
    ConfigurerModule segmentBalancing(SegmentBalancer balancer) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                (c, builder) -> builder.maxSegmentProvider(balancer));
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return EventStoreSchemas.deadLetters();
    }

    /**
     * Axon's JDBC storage engine, as Axon's own auto-configuration would build it, except that
     * snapshots also go through the encrypting event serializer (Axon would use the general one).
     * Declared here because Axon backs off its engine once the event store below exists.
     */
    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                // snapshots hold aggregate state, which holds personal data too: same encrypting serializer
                .snapshotSerializer(eventSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .build();
    }

    /**
     * Axon's event store, with a shorter poll. A streaming processor learns of events appended by
     * another process (the command side) only by polling; Axon's default of 1 s would put the
     * query side up to a second behind. An idle poll is one indexed query.
     *
     * <p>The shared read-ahead cache ({@code optimizeEventConsumption}) is off: with a processor
     * lagging behind a burst of ingestion it kept nodes reachable and the command side ran out of
     * a 512 MB heap after two back-to-back ingestion benchmarks (AxonFramework issue 2954 describes
     * the same leak). Each processor reads its own stream instead: one indexed query per poll each.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  EventStoreProperties eventStoreProperties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(eventStoreProperties.fetchDelay().toMillis())
                .timeUnit(TimeUnit.MILLISECONDS)
                .optimizeEventConsumption(false)
                .build();
    }

    /**
     * Every processor's shared settings ({@link ProcessorDefaults}); the properties name only a
     * processor's exceptions. Static, as a bean post-processor must be.
     */
    @Bean
    static ProcessorDefaults processorDefaults() {
        return new ProcessorDefaults();
    }

    /**
     * Every event about one data subject goes to one segment, in order (see the policy). Axon's
     * Spring Boot support registers an explicit policy for every processor named in the
     * properties, the per-aggregate one unless {@code sequencing-policy} names a bean, which
     * overrides any default. So {@link ProcessorDefaults} names this bean for every processor, and
     * {@code SequencingPolicyIT} checks every processor of both services; the default below
     * covers processors that are in no processing group.
     */
    @Bean
    DataSubjectSequencingPolicy dataSubjectSequencingPolicy(@Qualifier("eventSerializer") Serializer eventSerializer) {
        return new DataSubjectSequencingPolicy(eventSerializer);
    }

    @Bean
    ConfigurerModule dataSubjectSequencing(DataSubjectSequencingPolicy policy) {
        return configurer -> configurer.eventProcessing().registerDefaultSequencingPolicy(c -> policy);
    }

    /**
     * Every processor that decrypts reads the data keys of a batch at once ({@link DataKeyPrefetch});
     * a processor reading sealed events needs no key.
     */
    @Bean
    ConfigurerModule dataKeyPrefetch(DataSubjectSequencingPolicy policy, org.elearn.events.privacy.KeyVault vault,
                                     org.axonframework.springboot.EventProcessorProperties processors) {
        DataKeyPrefetch prefetch = new DataKeyPrefetch(policy, vault);
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor((c, name) ->
                readsSealed(processors, name) ? (unitOfWork, chain) -> chain.proceed() : prefetch);
    }

    private static boolean readsSealed(org.axonframework.springboot.EventProcessorProperties processors, String name) {
        var settings = processors.getProcessors().get(name);
        return settings != null && SealedEvents.BEAN.equals(settings.getSource());
    }

    /**
     * The event store with personal fields left sealed, for processors whose handlers read none
     * ({@link ReadsNoPersonalData}, named as their source by {@link ProcessorDefaults}).
     */
    @Bean(SealedEvents.BEAN)
    SealedEvents sealedEvents(EmbeddedEventStore eventStore,
                              @Qualifier("eventSerializer") org.elearn.events.privacy.EncryptingSerializer serializer) {
        return new SealedEvents(eventStore, serializer);
    }

    /** Replaces Axon's metric registry, whose capacity monitor grows with the message rate. */
    @Bean
    org.axonframework.micrometer.GlobalMetricRegistry globalMetricRegistry(
            io.micrometer.core.instrument.MeterRegistry meterRegistry) {
        return new BoundedMetricRegistry(meterRegistry);
    }

    /**
     * A failing event handler's writes roll back to a savepoint, so its dead letter can commit with
     * the token in the same transaction ({@link SavepointPerEvent}); Axon applies every
     * {@code HandlerEnhancerDefinition} bean to the handlers.
     */
    @Bean
    SavepointPerEvent savepointPerEvent(PlatformTransactionManager transactionManager) {
        return new SavepointPerEvent(transactionManager);
    }

    /** A handler call failing in a batch handled whole sends the batch back one event at a time. */
    @Bean
    ConfigurerModule wholeBatchGuard() {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (c, name) -> SavepointPerEvent.wholeBatchGuard(name));
    }

    /** Parked events keep a cause without personal data, and count their retries. */
    @Bean
    ConfigurerModule safeDeadLetterPolicy() {
        SafeEnqueuePolicy policy = new SafeEnqueuePolicy();
        return configurer -> configurer.eventProcessing().registerDefaultDeadLetterPolicy(c -> policy);
    }

    @Bean
    ProcessorFailures processorFailures(ProcessorsProperties processors) {
        return new ProcessorFailures(java.time.Clock.systemUTC(), processors.failingWindow());
    }

    @Bean
    ConfigurerModule recordProcessorFailures(ProcessorFailures failures) {
        return configurer -> configurer.eventProcessing().registerDefaultErrorHandler(
                c -> failures.recording(PropagatingErrorHandler.instance()));
    }

    @Bean
    EventProcessorsHealthIndicator eventProcessorsHealthIndicator(EventProcessingConfiguration processing,
                                                                  ProcessorFailures failures) {
        return new EventProcessorsHealthIndicator(processing, failures);
    }

    /** Lists, retries and skips parked events; also the {@code learning.dead_letters} gauge. */
    @Bean
    DeadLetters deadLetters(EventProcessingConfiguration processing,
                            org.springframework.beans.factory.ListableBeanFactory beans) {
        return new DeadLetters(processing, ProcessorDefaults.processingGroups(beans));
    }

    @Bean
    org.springframework.context.ApplicationListener<org.springframework.boot.context.event.ApplicationStartedEvent>
    deadLetterGauges(DeadLetters deadLetters, io.micrometer.core.instrument.MeterRegistry registry) {
        return started -> deadLetters.bindTo(registry);
    }

    @Bean
    DeadLettersHealthIndicator deadLettersHealthIndicator(DeadLetters deadLetters) {
        return new DeadLettersHealthIndicator(deadLetters);
    }

    /** Axon units of work join (or start) the JDBC transaction of the shared DataSource. */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }
}
