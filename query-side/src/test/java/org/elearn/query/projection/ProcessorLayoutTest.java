package org.elearn.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.elearn.query.projection.ProcessorLayout.Processors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which processor hosts each group in either layout, and the handover of the tokens when the query
 * side starts in the other layout than the database was written with, on a real PostgreSQL.
 */
class ProcessorLayoutTest {

    private static final JdbcTemplate jdbc = ProjectionTests.migratedDatabase();
    private static final Serializer serializer = JacksonSerializer.defaultSerializer();
    private static final ProcessorTopology topology = new ProcessorTopology(
            List.of("members", "courses", "enrolments", "learning-activity", "learning-report", "projection-erasure"),
            Set.of("enrolments", "learning-activity", "learning-report"));

    @BeforeEach
    void emptyTokenStore() {
        jdbc.update("DELETE FROM token_entry");
    }

    @Test
    void mergedLayoutSharesTwoProcessorsByWhatTheyDecryptAndKeepsTheRebuiltAndErasureAlone() {
        assertThat(topology.assignments(Processors.MERGED)).isEqualTo(Map.of(
                "members", "projections", "courses", "projections",
                "enrolments", "sealed-projections", "learning-activity", "sealed-projections"));
        assertThat(topology.assignments(Processors.SEPARATE)).isEqualTo(Map.of(
                "members", "members", "courses", "courses", "enrolments", "enrolments",
                "learning-activity", "learning-activity"));
        assertThat(topology.mergedProcessors()).isEqualTo(Map.of("projections", false, "sealed-projections", true));
        for (Processors layout : Processors.values()) {
            assertThat(topology.processorOf("learning-report", layout)).isEqualTo("learning-report");
            assertThat(topology.processorOf("projection-erasure", layout)).isEqualTo("projection-erasure");
        }
        assertThat(topology.processorOf("enrolments", Processors.MERGED)).isEqualTo("sealed-projections");
    }

    @Test
    void mergedIsTheDefaultLayoutAndSeparateIsChosenByName() {
        assertThat(ProcessorLayout.bind(new Binder(new MapConfigurationPropertySource(Map.of()))))
                .isEqualTo(Processors.MERGED);
        assertThat(ProcessorLayout.bind(new Binder(new MapConfigurationPropertySource(
                Map.of(ProcessorLayout.PROPERTY, "separate"))))).isEqualTo(Processors.SEPARATE);
        assertThat(new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("learning.query",
                ProcessorLayout.class).processors()).isEqualTo(Processors.MERGED);
    }

    @Test
    void switchingToMergedStartsEachMergedProcessorAtTheSlowestOfItsGroups() {
        store("members", 0, token(120));
        store("members", 1, token(95));
        store("courses", 0, token(130));
        store("courses", 1, token(131));
        store("enrolments", 0, new ReplayToken(token(400), token(80)));
        store("enrolments", 1, token(300));
        store("learning-activity", 0, token(200));
        store("learning-report", 0, token(50));

        handOver(Processors.MERGED);

        assertThat(positions("projections")).containsExactly(95L, 95L, 95L, 95L);
        assertThat(positions("sealed-projections")).containsExactly(80L, 80L, 80L, 80L);
        assertThat(processors()).containsExactlyInAnyOrder("learning-report", "projections", "sealed-projections");
        assertThat(positions("learning-report")).containsExactly(50L);

        // started again in the same layout: nothing moves
        handOver(Processors.MERGED);
        assertThat(positions("projections")).containsExactly(95L, 95L, 95L, 95L);

        // and back: every separate processor starts where its merged one was
        store("projections", 0, token(150));
        handOver(Processors.SEPARATE);
        assertThat(positions("members")).containsExactly(95L, 95L, 95L, 95L);
        assertThat(positions("courses")).containsExactly(95L, 95L);
        assertThat(positions("enrolments")).containsExactly(80L, 80L);
        assertThat(processors()).containsExactlyInAnyOrder("learning-report", "members", "courses", "enrolments",
                "learning-activity");
    }

    @Test
    void aGroupNeverHandledOrASegmentAtTheStartMakesTheProcessorStartFromTheStart() {
        store("members", 0, token(120));
        // courses has no token: its projection was added meanwhile
        store("enrolments", 0, null);
        store("learning-activity", 0, token(200));

        handOver(Processors.MERGED);

        assertThat(processors()).isEmpty(); // both merged processors replay the history; the old tokens are gone
    }

    @Test
    void aFreshDatabaseOrOneWrittenInThisLayoutIsLeftAlone() {
        handOver(Processors.MERGED);
        assertThat(processors()).isEmpty();
        store("members", 0, token(7));
        handOver(Processors.SEPARATE);
        assertThat(positions("members")).containsExactly(7L);
    }

    private static void handOver(Processors layout) {
        EventProcessorProperties properties = new EventProcessorProperties();
        for (String name : List.of("projections", "sealed-projections", "members", "learning-activity")) {
            properties.getProcessors().put(name, settings(4));
        }
        properties.getProcessors().put("courses", settings(2));
        properties.getProcessors().put("enrolments", settings(2));
        new ProcessorHandover(topology, layout, jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())), serializer,
                properties).afterPropertiesSet();
    }

    private static EventProcessorProperties.ProcessorSettings settings(int segments) {
        EventProcessorProperties.ProcessorSettings settings = new EventProcessorProperties.ProcessorSettings();
        settings.setInitialSegmentCount(segments);
        return settings;
    }

    private static TrackingToken token(long index) {
        return GapAwareTrackingToken.newInstance(index, Set.of());
    }

    private static void store(String processor, int segment, TrackingToken token) {
        SerializedObject<byte[]> serialized = token == null ? null : serializer.serialize(token, byte[].class);
        jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner)"
                        + " VALUES (?, ?, ?, ?, '2026-12-07T00:00:00Z', NULL)"
                        + " ON CONFLICT (processor_name, segment) DO UPDATE SET token = EXCLUDED.token,"
                        + " token_type = EXCLUDED.token_type",
                processor, segment, serialized == null ? null : serialized.getData(),
                serialized == null ? null : serialized.getType().getName());
    }

    private static List<Long> positions(String processor) {
        return jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ? ORDER BY segment",
                (rs, i) -> serializer.<byte[], TrackingToken>deserialize(new SimpleSerializedObject<>(rs.getBytes(1),
                        byte[].class, rs.getString(2), null)).position().orElseThrow(), processor);
    }

    private static List<String> processors() {
        return jdbc.queryForList("SELECT DISTINCT processor_name FROM token_entry", String.class);
    }
}
