package org.elearn.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.elearn.events.instructor.InstructorProfileUpdated;
import org.elearn.local.Services;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasure of subjects with 10,000 events each, through the real HTTP API of the running services:
 * from the erasure request to the data key being gone and every projection row about the subject
 * deleted, as seen in the database.
 */
final class ErasureBenchmark {

    private final HttpClient http = HttpClient.newHttpClient();
    private final Services services;
    private final JdbcTemplate jdbc;

    ErasureBenchmark(Services services) {
        this.services = services;
        this.jdbc = services.commandSide().getBean(JdbcTemplate.class);
    }

    /** Milliseconds per erasure, one per subject. */
    List<Double> run(int subjects, int eventsPerSubject, String operatorEmail, String operatorPassword)
            throws Exception {
        BenchApi api = new BenchApi("http://localhost:" + services.commandSidePort());
        String operator = api.login(operatorEmail, operatorPassword);
        List<UUID> ids = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < subjects; i++) {
            UUID id = UUID.fromString(api.register(operator, "/api/instructors", Map.of("name", "Bench Subject " + i,
                    "email", "bench-" + UUID.randomUUID() + "@bench.example", "phone", "+1 555 0100",
                    "password", "benchmark-password")).get("instructorId").asText());
            appendUpdates(id, eventsPerSubject - 1);
            ids.add(id);
        }
        System.out.printf("erasure: appended %d subjects x %d events in %.1f s; waiting for the projections%n",
                subjects, eventsPerSubject, (System.nanoTime() - start) / 1e9);
        for (UUID id : ids) {
            while (count("SELECT count(*) FROM personal_data_event WHERE subject_id = ?", id.toString())
                    < eventsPerSubject) {
                pause();
            }
        }
        System.out.printf("erasure: projections caught up after %.1f s%n", (System.nanoTime() - start) / 1e9);

        List<Double> millis = new ArrayList<>();
        for (UUID id : ids) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(request("/api/users/" + id + "/erasure", operator, ""),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("erasure answered " + response.statusCode());
            }
            while (count("SELECT count(*) FROM data_key WHERE subject_id = ?", id.toString()) > 0
                    || count("SELECT count(*) FROM instructor_profile WHERE instructor_id = ?", id) > 0
                    || count("SELECT count(*) FROM personal_data_event WHERE subject_id = ?", id.toString()) > 0) {
                Thread.onSpinWait();
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            millis.add(ms);
            System.out.printf("erasure: subject %s clean after %.0f ms%n", id, ms);
        }
        return millis;
    }

    private void appendUpdates(UUID id, int count) {
        EventStorageEngine engine = services.commandSide().getBean(EventStorageEngine.class);
        TransactionTemplate tx = services.commandSide().getBean(TransactionTemplate.class);
        for (int from = 1; from <= count; from += 500) {
            List<DomainEventMessage<?>> batch = new ArrayList<>();
            for (long seq = from; seq < Math.min(from + 500, count + 1); seq++) {
                batch.add(new GenericDomainEventMessage<>("Instructor", id.toString(), seq,
                        new InstructorProfileUpdated(id, "Bench Subject renamed " + seq, "+1 555 0100")));
            }
            tx.executeWithoutResult(status -> engine.appendEvents(batch));
        }
    }

    private long count(String sql, Object arg) {
        return jdbc.queryForObject(sql, Long.class, arg);
    }

    private HttpRequest request(String path, String token, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + services.commandSidePort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(200); // polling a background catch-up in a benchmark driver, not a test
    }
}
