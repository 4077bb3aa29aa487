package org.elearn.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.elearn.events.instructor.InstructorProfileUpdated;
import org.elearn.events.privacy.EncryptingSerializer;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.events.privacy.LocalKeyEncryptionKeys;
import org.elearn.support.axon.EventStoreSchemas;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Appends with encryption against appends without, side by side in one run: Axon's JDBC storage
 * engine on PostgreSQL with durability on, 2 threads, units of work of 100 events of personal data
 * for 200 subjects. Rounds alternate between the two serializers so that noise hits both alike.
 */
final class AppendBenchmark {

    private static final int THREADS = 2;
    private static final int BATCH = 100;
    private static final int SUBJECTS = 200;

    private final Serializer plainSerializer;
    private final Serializer encryptingSerializer;
    private final JdbcEventStorageEngine plain;
    private final JdbcEventStorageEngine encrypted;
    private final List<UUID> subjects = new ArrayList<>();
    private final long[] nextSequence = new long[SUBJECTS];

    AppendBenchmark(HikariDataSource dataSource) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        Serializer jackson = JacksonSerializer.builder().objectMapper(mapper.copy()).build();
        JdbcKeyVault vault = new JdbcKeyVault(new TransactionAwareDataSourceProxy(dataSource),
                new LocalKeyEncryptionKeys(List.of(LocalKeyEncryptionKeys.newEncodedKey())), Duration.ofMinutes(5),
                100_000);
        Serializer encrypting = new EncryptingSerializer(JacksonSerializer.builder().objectMapper(mapper.copy()).build(),
                vault);
        this.plainSerializer = jackson;
        this.encryptingSerializer = encrypting;
        this.plain = engine(dataSource, jackson);
        this.encrypted = engine(dataSource, encrypting);
        for (int i = 0; i < SUBJECTS; i++) {
            subjects.add(UUID.randomUUID());
        }
    }

    private static JdbcEventStorageEngine engine(HikariDataSource dataSource, Serializer serializer) {
        return JdbcEventStorageEngine.builder()
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(new SpringTransactionManager(new JdbcTransactionManager(dataSource)))
                .schema(EventStoreSchemas.events())
                .build();
    }

    /** Events per second for one round of {@code events} appends. */
    double round(boolean withEncryption, int events) throws Exception {
        JdbcEventStorageEngine engine = withEncryption ? encrypted : plain;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        int batchesPerThread = events / BATCH / THREADS;
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                for (int b = 0; b < batchesPerThread; b++) {
                    // each subject belongs to one thread, so sequence numbers never clash
                    int subject = thread + THREADS * (b % (SUBJECTS / THREADS));
                    engine.appendEvents(batch(subject));
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return batchesPerThread * THREADS * BATCH / seconds;
    }

    /** Microseconds to serialize one event on one thread, without the database: {plain, encrypted}. */
    double[] serializerMicros(int events) {
        double[] result = new double[2];
        Serializer[] serializers = {plainSerializer, encryptingSerializer};
        for (int s = 0; s < 2; s++) {
            UUID id = subjects.get(0);
            long start = System.nanoTime();
            int sink = 0;
            for (int i = 0; i < events; i++) {
                sink += serializers[s].serialize(new InstructorProfileUpdated(id, "Benchmark Person " + i,
                        "+44 20 7946 " + (i % 10_000)), byte[].class).getData().length;
            }
            result[s] = (System.nanoTime() - start) / 1e3 / events + (sink == 42 ? 1e-9 : 0);
        }
        return result;
    }

    private List<DomainEventMessage<?>> batch(int subject) {
        UUID id = subjects.get(subject);
        List<DomainEventMessage<?>> events = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            long seq = nextSequence[subject]++;
            events.add(new GenericDomainEventMessage<>("Instructor", id.toString(), seq,
                    new InstructorProfileUpdated(id, "Benchmark Person " + seq, "+44 20 7946 " + (seq % 10_000))));
        }
        return events;
    }
}
