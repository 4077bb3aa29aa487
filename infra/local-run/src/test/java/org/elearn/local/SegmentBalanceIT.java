package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.elearn.support.axon.SegmentBalancer;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two instances of each side share every processor's segments (token_entry owners), both project,
 * and after one instance of each side is killed the survivors claim every segment and the
 * projections become current again. Before the segment balancer the first instance of a side kept
 * every segment and the second stayed idle.
 */
class SegmentBalanceIT {

    @Test
    void instancesOfASideSplitEverySegmentAndSurvivorsTakeThemAllAfterAKill() {
        try (LocalApi api = new LocalApi(TestDatabases.create(), "target/balance-secrets")) {
            ConfigurableApplicationContext firstCommand = api.services().commandSide();
            ConfigurableApplicationContext firstQuery = api.services().querySide();
            JdbcTemplate jdbc = new JdbcTemplate(firstQuery.getBean(DataSource.class));
            String operator = api.operator();
            // every processor of both sides has its segments before the second instances start
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(segments(jdbc).keySet())
                    .containsAll(processors(firstCommand)).containsAll(processors(firstQuery)));

            ConfigurableApplicationContext secondCommand = api.anotherCommandSide();
            ConfigurableApplicationContext secondQuery = api.anotherQuerySide();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertSplit(jdbc, firstCommand, secondCommand);
                assertSplit(jdbc, firstQuery, secondQuery);
            });
            WebTestClient secondClient = LocalApi.client(LocalApi.port(secondQuery));
            List<UUID> before = organizations(api, operator, "Balanced");
            awaitProjected(api.query(), operator, before);
            awaitProjected(secondClient, operator, before);

            // killed: no claim released, no heartbeat removed, as for kill -9 or a lost machine
            long killedAt = System.nanoTime();
            kill(secondCommand);
            kill(secondQuery);
            List<UUID> after = organizations(api, operator, "After the kill");
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertOwnsAll(jdbc, firstCommand);
                assertOwnsAll(jdbc, firstQuery);
            });
            awaitProjected(api.query(), operator, after);
            System.out.printf("segment failover: survivors own every segment and the projections are current "
                    + "%d ms after the kill%n", (System.nanoTime() - killedAt) / 1_000_000);
        }
    }

    /** Each of the two instances owns half of every processor's segments (one more for an odd count). */
    private static void assertSplit(JdbcTemplate jdbc, ConfigurableApplicationContext first,
                                    ConfigurableApplicationContext second) {
        String a = first.getBean(SegmentBalancer.class).instanceId();
        String b = second.getBean(SegmentBalancer.class).instanceId();
        Map<String, Integer> segments = segments(jdbc);
        for (String processor : processors(first)) {
            int total = segments.get(processor);
            Map<String, Long> owned = owners(jdbc, processor);
            assertThat(owned.keySet()).as(processor + " owners").containsExactlyInAnyOrder(a, b);
            assertThat(owned.values()).as(processor + " segments per owner")
                    .allSatisfy(n -> assertThat(n).isBetween((long) total / 2, (long) (total + 1) / 2));
        }
    }

    private static void assertOwnsAll(JdbcTemplate jdbc, ConfigurableApplicationContext survivor) {
        String id = survivor.getBean(SegmentBalancer.class).instanceId();
        Map<String, Integer> segments = segments(jdbc);
        for (String processor : processors(survivor)) {
            assertThat(owners(jdbc, processor)).as(processor + " owners").containsExactly(
                    Map.entry(id, (long) segments.get(processor)));
        }
    }

    private static List<String> processors(ConfigurableApplicationContext side) {
        return side.getBean(EventProcessingConfiguration.class).eventProcessors().entrySet().stream()
                .filter(processor -> processor.getValue() instanceof PooledStreamingEventProcessor)
                .map(Map.Entry::getKey).toList();
    }

    private static Map<String, Integer> segments(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT processor_name, count(*) AS n FROM token_entry GROUP BY processor_name")
                .stream().collect(Collectors.toMap(row -> (String) row.get("processor_name"),
                        row -> ((Number) row.get("n")).intValue()));
    }

    /** Segments per owner; a segment without an owner counts under "none". */
    private static Map<String, Long> owners(JdbcTemplate jdbc, String processor) {
        return jdbc.queryForList("SELECT coalesce(owner, 'none') AS owner, count(*) AS n FROM token_entry "
                        + "WHERE processor_name = ? GROUP BY owner", processor)
                .stream().collect(Collectors.toMap(row -> (String) row.get("owner"),
                        row -> ((Number) row.get("n")).longValue()));
    }

    private static List<UUID> organizations(LocalApi api, String operator, String name) {
        return IntStream.range(0, 8).mapToObj(i -> api.organization(operator, name + " " + i)).toList();
    }

    private static void awaitProjected(WebTestClient client, String operator, List<UUID> organizations) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> organizations.forEach(id -> client.get()
                .uri("/api/organizations/{o}", id).headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isOk()));
    }

    /**
     * Ends an instance as a kill would for the database: its connections close first, so its
     * processors cannot release their claims nor the balancer remove its heartbeat. The context
     * stays open until the end: closing it would dispose of Reactor Netty's resources, which every
     * instance in this JVM shares.
     */
    private static void kill(ConfigurableApplicationContext instance) {
        instance.getBean(com.zaxxer.hikari.HikariDataSource.class).close();
        instance.getBean(SegmentBalancer.class).stop();
        instance.getBean(EventProcessingConfiguration.class).eventProcessors().values()
                .forEach(org.axonframework.eventhandling.EventProcessor::shutDown);
    }
}
