package org.elearn.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.elearn.testsupport.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The sealer and the verifier on their own, on a real PostgreSQL with the event store and audit
 * schema, and events written by hand: gaps are waited out (or passed at once when old), a late
 * commit into a passed gap shows as inserted, and checkpoints land every N events.
 */
class HistorySealerTest {

    private final TestDatabases.TestDatabase db = TestDatabases.create();
    private final DriverManagerDataSource dataSource =
            new DriverManagerDataSource(db.jdbcUrl(), db.user(), db.password());
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final AuditSigningKey key = AuditSigningKey.fromPem(AuditSigningKey.generatePem());
    private final HistoryVerifier verifier = new HistoryVerifier(dataSource, List.of(key.publicKey()));

    HistorySealerTest() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore")
                .table("flyway_history_eventstore").load().migrate();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/query").table("flyway_history_query")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    private HistorySealer sealer(Duration gapTimeout, int checkpointEvery, int batchSize) {
        return sealer(gapTimeout, checkpointEvery, Duration.ofHours(1), batchSize);
    }

    private HistorySealer sealer(Duration gapTimeout, int checkpointEvery, Duration checkpointMaxAge, int batchSize) {
        return new HistorySealer(dataSource, key, new AuditProperties(true, Duration.ofSeconds(1), gapTimeout,
                checkpointEvery, checkpointMaxAge, batchSize, null, 2));
    }

    private List<Long> checkpointCounts() {
        return jdbc.queryForList("SELECT sealed_count FROM audit_checkpoint ORDER BY global_index", Long.class);
    }

    private void event(long globalIndex, Instant stamped) {
        jdbc.update("INSERT INTO domain_event_entry (global_index, event_identifier, meta_data, payload, "
                        + "payload_revision, payload_type, time_stamp, aggregate_identifier, sequence_number, type) "
                        + "VALUES (?, ?, NULL, ?, NULL, 'Test', ?, ?, 0, 'Agg')", globalIndex, UUID.randomUUID().toString(),
                ("{\"n\":" + globalIndex + "}").getBytes(StandardCharsets.UTF_8), stamped.toString(),
                UUID.randomUUID().toString());
    }

    private long sealedUpTo() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM audit_seal", Long.class);
    }

    @Test
    void sealsInOrderWaitsOutFreshGapsAndFlagsLateCommitsIntoPassedGaps() throws Exception {
        // 3 s, not less: the first rounds below open a dozen connections, which took over 300 ms on a loaded machine
        HistorySealer sealer = sealer(Duration.ofSeconds(3), 2, 2);
        Instant now = Instant.now();
        for (long i = 1; i <= 3; i++) {
            event(i, now);
        }
        event(5, now); // 4 may still be committing
        while (sealer.sealBatch()) {
            // full batches of two
        }
        assertThat(sealedUpTo()).isEqualTo(3);
        assertThat(checkpointCounts()).containsExactly(2L);

        // within the timeout the sealer stays before the gap; after it, it passes
        sealer.sealBatch();
        assertThat(sealedUpTo()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            sealer.sealBatch();
            return sealedUpTo() == 5;
        });
        assertThat(verifier.verify(null, null)).satisfies(result -> {
            assertThat(result.ok()).isTrue();
            assertThat(result.checked()).isEqualTo(4);
            assertThat(result.checkpoints()).isEqualTo(2); // after 2 and 4 sealed events
        });

        // a gap whose next event was stamped long ago is passed at once (catching up on old history)
        event(9, now.minusSeconds(60));
        sealer.sealBatch();
        assertThat(sealedUpTo()).isEqualTo(9);

        // the transaction that held 4 commits after all: it was never sealed
        event(4, now);
        HistoryVerifier.Break late = verifier.verify(null, null).firstBreak();
        assertThat(late.position()).isEqualTo(4);
        assertThat(late.reason()).isEqualTo(HistoryVerifier.Reason.INSERTED);
        assertThat(verifier.verify(0L, 3L).ok()).isTrue();
        // from 6 on, the chain is anchored at the signed checkpoint at 5, past the damage
        assertThat(verifier.verify(6L, null)).satisfies(result -> {
            assertThat(result.ok()).isTrue();
            assertThat(result.checked()).isEqualTo(1);
        });
    }

    @Test
    void onceCaughtUpAnAgedCheckpointIsFollowedByOneForTheTail() throws Exception {
        for (long i = 1; i <= 5; i++) {
            event(i, Instant.now());
        }
        HistorySealer sealer = sealer(Duration.ofSeconds(10), 2, Duration.ZERO, 100);
        sealer.sealBatch();
        assertThat(checkpointCounts()).containsExactly(2L, 4L);
        sealer.sealBatch(); // caught up: the fifth event gets signed too
        assertThat(checkpointCounts()).containsExactly(2L, 4L, 5L);
        sealer.sealBatch(); // nothing new to sign
        assertThat(checkpointCounts()).containsExactly(2L, 4L, 5L);
        assertThat(verifier.verify(null, null).checkpoints()).isEqualTo(3);
    }

    @Test
    void nullsAndEmptiesHashApart() {
        AuditChain chain = new AuditChain();
        AuditChain.StoredEvent withNull = new AuditChain.StoredEvent(1, "id", "agg", 0, null, "T", null, "t",
                new byte[0], null);
        AuditChain.StoredEvent withEmpty = new AuditChain.StoredEvent(1, "id", "agg", 0, "", "T", null, "t",
                new byte[0], new byte[0]);
        assertThat(chain.next(AuditChain.genesis(), withNull)).isNotEqualTo(chain.next(AuditChain.genesis(), withEmpty))
                .isEqualTo(new AuditChain().next(AuditChain.genesis(), withNull));
    }

    /** Sealing and verification speed; run with {@code -Daudit.bench=true}. */
    @Test
    void speed() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("audit.bench"));
        int events = Integer.getInteger("audit.bench.events", 200_000);
        jdbc.update("INSERT INTO domain_event_entry (global_index, event_identifier, meta_data, payload, "
                + "payload_revision, payload_type, time_stamp, aggregate_identifier, sequence_number, type) "
                + "SELECT n, gen_random_uuid()::text, convert_to('{\"traceId\":\"' || md5(n::text) || '\"}', 'UTF8'), "
                + "convert_to(repeat('{\"field\":\"' || md5(n::text) || '\"}', 8), 'UTF8'), NULL, "
                + "'org.elearn.events.SomethingHappened', '2024-01-01T00:00:00Z', (n / 10)::text, n % 10, 'Aggregate' "
                + "FROM generate_series(1, ?) n", events);
        HistorySealer sealer = sealer(Duration.ofSeconds(10), 1000, 5000);
        long started = System.nanoTime();
        while (sealer.sealBatch()) {
            // catching up
        }
        double sealSeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        HistoryVerifier.Result result = verifier.verify(null, null);
        double verifySeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("audit bench: %d events sealed in %.2f s (%.0f/s), verified in %.2f s (%.0f/s)%n", events,
                sealSeconds, events / sealSeconds, verifySeconds, events / verifySeconds);
        assertThat(result.ok()).isTrue();
        assertThat(result.checked()).isEqualTo(events);
    }
}
