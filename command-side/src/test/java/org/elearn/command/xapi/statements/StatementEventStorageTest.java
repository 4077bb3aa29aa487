package org.elearn.command.xapi.statements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.elearn.command.xapi.XapiFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** How statement events are laid out in PostgreSQL: inline in the event table, not in its TOAST table. */
@CommandSideTest
class StatementEventStorageTest {

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    @Test
    void statementEventsOfSeveralKilobytesAreStoredInlineAndUncompressed() throws Exception {
        XapiFixture xapi = XapiFixture.in(context);
        XapiFixture.Credential credential = xapi.issue();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Map<String, Object> statement = XapiIngestionTest.statement(
                    Map.of("mbox", "mailto:writer-" + i + "-" + xapi.tag + "@example.com"), "answered",
                    "https://content.example/essays/" + i);
            // an essay's answer: the whole event well past PostgreSQL's 2 kB TOAST threshold
            statement.put("result", Map.of("response", "A considered answer. ".repeat(40 + i)));
            batch.add(statement);
        }
        web.post().uri("/xapi/statements").headers(credential.headers()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(batch).exchange().expectStatus().isOk();

        String[] events = batch.stream().map(s -> PlainEvents.statementEventId(xapi.organization,
                UUID.fromString((String) s.get("id")))).toArray(String[]::new);
        List<Map<String, Object>> stored = jdbc.queryForList("SELECT length(payload) AS bytes,"
                + " pg_column_size(payload) AS size, pg_column_toast_chunk_id(payload) AS chunk"
                + " FROM domain_event_entry WHERE event_identifier = ANY (?)", (Object) events);
        assertThat(stored).hasSize(20).allSatisfy(row -> {
            assertThat((Integer) row.get("bytes")).isBetween(2_500, 8_000);
            assertThat(row.get("chunk")).as("a TOAST chunk").isNull();
            // a compressed value would take fewer bytes than it holds; inline ones take theirs plus a header
            assertThat((Integer) row.get("size")).as("stored uncompressed").isGreaterThanOrEqualTo((Integer) row.get("bytes"));
        });
    }
}
