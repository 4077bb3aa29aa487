package org.elearn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.elearn.events.membership.OwnProfileEdited;
import org.elearn.events.privacy.EncryptingSerializer;
import org.elearn.events.privacy.LocalKeyEncryptionKeys;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.testsupport.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

class KeyCheckTest {

    private final PGSimpleDataSource dataSource = migrated();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final JdbcKeyVault vault = new JdbcKeyVault(dataSource,
            new LocalKeyEncryptionKeys(List.of(java.util.Base64.getEncoder().encodeToString(new byte[32]))),
            Duration.ofMinutes(1), 100);
    private final EncryptingSerializer serializer = new EncryptingSerializer(
            JacksonSerializer.builder().objectMapper(new ObjectMapper()).build(), vault);

    @Test
    void onlyEventsOfASubjectWithNeitherKeyNorFenceAreReported() throws Exception {
        UUID organization = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        UUID erased = UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        UUID neverSealed = UUID.randomUUID();
        append(new OwnProfileEdited(kept, organization, "Kim", null));
        append(new OwnProfileEdited(erased, organization, "Eve", "f"));
        long lostFirst = append(new OwnProfileEdited(lost, organization, "Lou", null));
        long lostSecond = append(new OwnProfileEdited(lost, organization, "Lou L.", "m"));
        append(new OwnProfileEdited(neverSealed, organization, null, null)); // nothing personal in it: needs no key
        vault.erase(erased.toString()); // the key destroyed, the fence made: erased as it should be
        // what the old rollback race left: a key that never reached the table, and no fence
        jdbc.update("DELETE FROM data_key WHERE subject_id = ?", lost.toString());

        KeyCheck.Result result = KeyCheck.check(dataSource);

        assertThat(result.eventsRead()).isEqualTo(5);
        assertThat(result.sealedEvents()).isEqualTo(4);
        assertThat(result.subjects()).isEqualTo(3);
        assertThat(result.subjectsWithoutKey()).isEqualTo(1);
        assertThat(result.eventsWithoutKey()).isEqualTo(2);
        assertThat(result.firstEventsWithoutKey()).containsExactly(lostFirst, lostSecond);

        StringWriter printed = new StringWriter();
        assertThat(KeyCheck.run(dataSource, new PrintWriter(printed))).isEqualTo(KeyCheck.LOST_KEYS);
        assertThat(printed.toString()).contains("1 subjects have neither a data key nor an erasure fence, in 2 events")
                .doesNotContain(lost.toString());

        jdbc.update("INSERT INTO data_subject_erasure (subject_id) VALUES (?)", lost.toString());
        assertThat(KeyCheck.run(dataSource, new PrintWriter(new StringWriter()))).isEqualTo(KeyCheck.SOUND);
    }

    private long append(Object event) {
        SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
        return jdbc.queryForObject("INSERT INTO domain_event_entry (event_identifier, payload, payload_type, time_stamp, "
                + "aggregate_identifier, sequence_number, type) VALUES (?, ?, ?, ?, ?, 0, 'Test') RETURNING global_index",
                Long.class, UUID.randomUUID().toString(), payload.getData(), payload.getType().getName(),
                Instant.now().toString(), UUID.randomUUID().toString());
    }

    /** A fresh real PostgreSQL database with only the event store's schema. */
    private static PGSimpleDataSource migrated() {
        PGSimpleDataSource dataSource = TestDatabases.create().dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore")
                .table("flyway_history_eventstore").load().migrate();
        return dataSource;
    }
}
