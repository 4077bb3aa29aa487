package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The live report streams over HTTP: snapshot then changes (SSE and NDJSON), resuming with
 * Last-Event-ID, and two query-side instances that each project some segments while subscribers on
 * either instance hear of every change.
 */
class ReportStreamIT {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<Map<String, Object>> LINE = new ParameterizedTypeReference<>() { };

    /**
     * Both services once for the class: each test works in an organization of its own. The second
     * query side that one test starts stays up for the tests after it, which a stream on either
     * instance does not notice (that test shows it).
     */
    private static LocalApi api;
    private static String operator;
    private LocalApi.TrainingOrganization org;
    private UUID organization;
    private String admin;

    @BeforeAll
    static void start() {
        // one row per read of a snapshot or a resume, so that every stream here reads several pages
        api = new LocalApi(TestDatabases.create(), "target/stream-secrets", Map.of("learning.reports.stream-page-rows", 1));
        operator = api.operator();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void organization() {
        org = api.organizationWithTrainees(operator, "Stream Org", "Ada", "stream.example", List.of());
        organization = org.id();
        admin = org.admin();
    }

    private List<String> importTrainees(int count) {
        return api.importTrainees(org, LocalApi.numberedTrainees(count, 2));
    }

    private void learned(String email, String duration) {
        api.ingest(org.credential(), LocalApi.experienced(email, duration));
    }

    private Flux<ServerSentEvent<Map<String, Object>>> events(WebTestClient client, String path, String lastEventId) {
        return client.get().uri(path, organization).accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    h.setBearerAuth(admin);
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(ServerSentEvent<Map<String, Object>> event) {
        return event.data();
    }

    /**
     * A connection may have 8 writes in flight, not Reactor Netty's 128: a stream that falls behind
     * starts merging changes after a few batches instead of queueing 64 of them in direct memory.
     * (In a test JVM the limit is set as the first plan starts, by {@link ForkSetup}, as
     * the services' main sets it first thing.)
     */
    @Test
    void aConnectionHasFewWritesInFlight() throws Exception {
        java.lang.reflect.Field inFlight = Class.forName("reactor.netty.channel.MonoSend").getDeclaredField("MAX_SIZE");
        inFlight.setAccessible(true);
        assertThat(inFlight.getInt(null)).isEqualTo(8);
    }

    @Test
    void aStreamSendsTheSnapshotThenEveryChangeAndResumesFromTheLastEventId() {
        List<String> emails = importTrainees(2);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                .uri("/api/organizations/{o}/reports/learning", organization).headers(h -> h.setBearerAuth(admin))
                .exchange().expectBody().jsonPath("$.total").isEqualTo(2).jsonPath("$.items.length()").isEqualTo(2));

        String[] lastId = new String[1];
        StepVerifier.create(events(api.query(), "/api/organizations/{o}/reports/learning/stream?department=Dept 0",
                        null))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("row");
                    assertThat(row(event)).containsEntry("name", "Trainee 0").containsEntry("learningSeconds", 0);
                })
                .assertNext(event -> assertThat(event.event()).isEqualTo("snapshot-complete"))
                .then(() -> learned(emails.get(1), "PT5M")) // Dept 1: filtered out, must not arrive
                .then(() -> learned(emails.get(0), "PT10M"))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("row");
                    assertThat(row(event)).containsEntry("name", "Trainee 0").containsEntry("learningSeconds", 600);
                    assertThat(event.id()).isNotNull();
                    lastId[0] = event.id();
                })
                .thenCancel()
                .verify(Duration.ofSeconds(60));

        // a reconnecting client sends Last-Event-ID and gets only what changed since
        learned(emails.get(1), "PT1M");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                .uri("/api/organizations/{o}/reports/learning?department=Dept 1", organization)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectBody()
                .jsonPath("$.items[0].learningSeconds").isEqualTo(360));
        StepVerifier.create(events(api.query(), "/api/organizations/{o}/reports/learning/stream", lastId[0]))
                .assertNext(event -> assertThat(row(event)).containsEntry("name", "Trainee 1")
                        .containsEntry("learningSeconds", 360))
                .assertNext(event -> assertThat(event.event()).isEqualTo("snapshot-complete"))
                .thenCancel()
                .verify(Duration.ofSeconds(60));
        // resuming with a filter, a changed row the filter leaves out is a removal (the client may hold it)
        String trainee1 = api.query().get()
                .uri("/api/organizations/{o}/reports/learning?department=Dept 1", organization)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectBody(Map.class).returnResult()
                .getResponseBody().get("items").toString().replaceAll(".*traineeId=([0-9a-f-]{36}).*", "$1");
        StepVerifier.create(events(api.query(), "/api/organizations/{o}/reports/learning/stream?department=Dept 0",
                        lastId[0]))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("removed");
                    assertThat(row(event)).containsEntry("traineeId", trainee1);
                })
                .assertNext(event -> assertThat(event.event()).isEqualTo("snapshot-complete"))
                .thenCancel()
                .verify(Duration.ofSeconds(60));

        // NDJSON, and the figures streams
        StepVerifier.create(api.query().get().uri("/api/organizations/{o}/reports/learning/stream", organization)
                        .accept(MediaType.APPLICATION_NDJSON).headers(h -> h.setBearerAuth(admin)).exchange()
                        .expectStatus().isOk().returnResult(LINE).getResponseBody())
                .assertNext(line -> assertThat(line).containsEntry("type", "row"))
                .assertNext(line -> assertThat(line).containsEntry("type", "row"))
                .assertNext(line -> assertThat(line).containsEntry("type", "snapshot-complete"))
                .then(() -> learned(emails.get(1), "PT30M"))
                // a change comes from the shared feed, its JSON written as it is: still an object
                .assertNext(line -> {
                    assertThat(line).containsEntry("type", "row");
                    assertThat((Map<String, Object>) line.get("data")).containsEntry("name", "Trainee 1");
                })
                .thenCancel().verify(Duration.ofSeconds(60));
        StepVerifier.create(events(api.query(), "/api/organizations/{o}/reports/organization/stream", null))
                .assertNext(event -> assertThat(event.event()).isEqualTo("figures"))
                .then(() -> learned(emails.get(0), "PT1H"))
                .assertNext(event -> assertThat(event.data().get("learningHoursByDepartment").toString())
                        .contains("learningHours=1.167"))
                .thenCancel().verify(Duration.ofSeconds(60));
        api.query().get().uri("/api/organizations/{o}/reports/organization/stream", organization)
                .accept(MediaType.TEXT_EVENT_STREAM).headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isForbidden();
        StepVerifier.create(api.query().get().uri("/api/organizations/{o}/reports/organization/stream", organization)
                        .accept(MediaType.APPLICATION_NDJSON).headers(h -> h.setBearerAuth(admin)).exchange()
                        .expectStatus().isOk().returnResult(LINE).getResponseBody())
                .assertNext(line -> assertThat(line).containsEntry("type", "figures"))
                .thenCancel().verify(Duration.ofSeconds(60));
        StepVerifier.create(api.query().get().uri("/api/organizations/{o}/reports/courses/stream", organization)
                        .accept(MediaType.TEXT_EVENT_STREAM).headers(h -> h.setBearerAuth(admin)).exchange()
                        .expectStatus().isOk()
                        .returnResult(new ParameterizedTypeReference<ServerSentEvent<List<Object>>>() { })
                        .getResponseBody())
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("figures");
                    assertThat(event.data()).isEmpty(); // no course yet
                })
                .thenCancel().verify(Duration.ofSeconds(60));
        StepVerifier.create(api.query().get().uri("/api/organizations/{o}/reports/courses/stream", organization)
                        .accept(MediaType.APPLICATION_NDJSON).headers(h -> h.setBearerAuth(admin)).exchange()
                        .expectStatus().isOk().returnResult(LINE).getResponseBody())
                .assertNext(line -> assertThat(line).containsEntry("type", "figures"))
                .thenCancel().verify(Duration.ofSeconds(60));
    }

    /**
     * An erasure, a restriction and an objection each reach every stream kind: a live stream, a
     * fresh one, and one resumed from an id newer than the trainee's last row version (this once
     * failed: a resumed stream kept an erased trainee, because erasure left the row's version
     * behind). Restricted and erased trainees are removed; an objecting one keeps their row; the
     * figures leave out the restricted and objecting ones and, as documented, still count the erased.
     */
    @Test
    void erasureRestrictionAndObjectionReachEveryStreamFreshAndResumed() {
        importTrainees(3); // Trainee 0 and 2 in Dept 0, Trainee 1 in Dept 1
        learned(org.email("t0"), "PT1H");
        learned(org.email("t1"), "PT2H");
        learned(org.email("t2"), "PT4H");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(figures(MediaType.TEXT_EVENT_STREAM, null)).isEqualTo(Map.of("Dept 0", 5.0, "Dept 1", 2.0)));
        String erased = api.memberId(admin, organization, "Trainee 0").toString();
        String restricted = api.memberId(admin, organization, "Trainee 1").toString();
        String objecting = api.memberId(admin, organization, "Trainee 2").toString();
        Set<String> removedLive = ConcurrentHashMap.newKeySet();
        Disposable live = events(api.query(), "/api/organizations/{o}/reports/learning/stream", null)
                .filter(event -> "removed".equals(event.event()))
                .subscribe(event -> removedLive.add(String.valueOf(row(event).get("traineeId"))));
        try {
            String since = lastId();
            limit("restriction", restricted);
            awaitOnEveryLearningStream(since, seen -> {
                assertThat(seen.resumed()).contains("removed " + restricted);
                assertThat(seen.fresh()).doesNotContain("row " + restricted);
            });
            awaitFigures(since, Map.of("Dept 0", 5.0));

            since = lastId();
            limit("objection", objecting);
            awaitOnEveryLearningStream(since, seen -> {
                assertThat(seen.resumed()).contains("row " + objecting).doesNotContain("removed " + objecting);
                assertThat(seen.fresh()).contains("row " + objecting);
            });
            awaitFigures(since, Map.of("Dept 0", 1.0));

            since = lastId();
            api.command().post().uri("/api/users/{id}/erasure", erased).headers(h -> h.setBearerAuth(admin))
                    .exchange().expectStatus().isAccepted();
            awaitOnEveryLearningStream(since, seen -> {
                assertThat(seen.resumed()).contains("removed " + erased);
                assertThat(seen.fresh()).doesNotContain("row " + erased);
            });
            awaitFigures(since, Map.of("Dept 0", 1.0));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(removedLive).contains(restricted, erased).doesNotContain(objecting));
        } finally {
            live.dispose();
        }
    }

    private void limit(String what, String user) {
        api.command().post().uri("/api/users/{u}/" + what, user).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isNoContent();
    }

    /** The id of the newest row a fresh SSE stream of the whole organization sends in its snapshot. */
    private String lastId() {
        List<ServerSentEvent<Map<String, Object>>> snapshot = events(api.query(),
                "/api/organizations/{o}/reports/learning/stream", null)
                .takeUntil(event -> "snapshot-complete".equals(event.event()))
                .collectList().block(Duration.ofSeconds(60));
        return snapshot.stream().filter(event -> "row".equals(event.event())).reduce((a, b) -> b).orElseThrow().id();
    }

    /** What a resumed and a fresh learning-report stream sent before snapshot-complete, as "type traineeId". */
    private record Seen(List<String> resumed, List<String> fresh) {
    }

    /** Waits until the SSE and the NDJSON learning-report streams, resumed from {@code since} and fresh, show it. */
    private void awaitOnEveryLearningStream(String since, java.util.function.Consumer<Seen> expected) {
        for (MediaType type : List.of(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_NDJSON)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    expected.accept(new Seen(upToSnapshotComplete(type, since), upToSnapshotComplete(type, null))));
        }
    }

    /** A learning-report stream up to snapshot-complete, resumed from {@code since} unless null. */
    private List<String> upToSnapshotComplete(MediaType type, String since) {
        boolean sse = type.equals(MediaType.TEXT_EVENT_STREAM);
        String path = "/api/organizations/{o}/reports/learning/stream" + (!sse && since != null ? "?since=" + since : "");
        Flux<Map<String, Object>> messages = sse
                ? events(api.query(), path, since).filter(event -> event.event() != null).map(event -> {
                    Map<String, Object> message = new java.util.HashMap<>();
                    message.put("type", event.event());
                    message.put("data", event.data());
                    return message;
                })
                : api.query().get().uri(path, organization).accept(type).headers(h -> h.setBearerAuth(admin))
                        .exchange().expectStatus().isOk().returnResult(LINE).getResponseBody();
        return messages.takeUntil(message -> "snapshot-complete".equals(message.get("type")))
                .filter(message -> message.get("data") != null)
                .map(message -> message.get("type") + " " + ((Map<?, ?>) message.get("data")).get("traineeId"))
                .collectList().block(Duration.ofSeconds(60));
    }

    /** Waits until both organization figures streams, opened fresh and with the resume id, count these hours. */
    private void awaitFigures(String since, Map<String, Double> hours) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(figures(MediaType.TEXT_EVENT_STREAM, null)).isEqualTo(hours);
            assertThat(figures(MediaType.TEXT_EVENT_STREAM, since)).isEqualTo(hours);
            assertThat(figures(MediaType.APPLICATION_NDJSON, null)).isEqualTo(hours);
        });
    }

    /** Learning hours by department, from the first figures of the organization stream. */
    private Map<String, Double> figures(MediaType type, String lastEventId) {
        String path = "/api/organizations/{o}/reports/organization/stream";
        Map<String, Object> figures = type.equals(MediaType.TEXT_EVENT_STREAM)
                ? events(api.query(), path, lastEventId).next().map(ServerSentEvent::data).block(Duration.ofSeconds(60))
                : (Map<String, Object>) api.query().get().uri(path, organization).accept(type)
                        .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk().returnResult(LINE)
                        .getResponseBody().next().block(Duration.ofSeconds(60)).get("data");
        Map<String, Double> hours = new java.util.TreeMap<>();
        ((List<Map<?, ?>>) figures.get("learningHoursByDepartment")).forEach(row ->
                hours.put(String.valueOf(row.get("department")), ((Number) row.get("learningHours")).doubleValue()));
        return hours;
    }

    /** With every stream slot of the instance taken, one more stream of any kind is refused at once; a closed one gives its slot back. */
    @Test
    void anInstanceRefusesStreamsBeyondItsLimitAndClosedStreamsGiveTheirSlotBack() {
        var gate = api.services().querySide().getBean("streamGate", org.elearn.support.web.ConcurrencyGate.class);
        StepVerifier.create(events(api.query(), "/api/organizations/{o}/reports/organization/stream", null))
                .assertNext(event -> assertThat(event.event()).isEqualTo("figures"))
                .thenCancel().verify(Duration.ofSeconds(60));
        int[] held = {0};
        try {
            // every stream of the earlier tests has ended (the server notices a closed connection)
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(held[0] += gate.drain()).isEqualTo(1000));
            for (String path : List.of("learning", "organization", "courses")) {
                for (MediaType type : List.of(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_NDJSON)) {
                    api.query().get().uri("/api/organizations/{o}/reports/" + path + "/stream", organization)
                            .accept(type).headers(h -> h.setBearerAuth(admin)).exchange()
                            .expectStatus().isEqualTo(503).expectHeader().valueEquals("Retry-After", "1")
                            .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:streams-busy");
                }
            }
        } finally {
            gate.release(held[0]);
        }
    }

    @Test
    void subscribersOnEitherInstanceHearOfEveryChangeWhicheverInstanceProjectedIt() {
        var second = api.anotherQuerySide();
        WebTestClient secondClient = LocalApi.client(LocalApi.port(second));
        List<String> emails = importTrainees(12);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                .uri("/api/organizations/{o}/reports/learning", organization).headers(h -> h.setBearerAuth(admin))
                .exchange().expectBody().jsonPath("$.total").isEqualTo(12).jsonPath("$.items.length()").isEqualTo(12));

        // the segment balancer hands two of the four report segments to the second instance
        PooledStreamingEventProcessor first = (PooledStreamingEventProcessor) api.services().querySide()
                .getBean(EventProcessingConfiguration.class).eventProcessor("learning-report").orElseThrow();
        PooledStreamingEventProcessor other = (PooledStreamingEventProcessor) second
                .getBean(EventProcessingConfiguration.class).eventProcessor("learning-report").orElseThrow();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(other.processingStatus()).as("second instance's segments").hasSize(2);
            assertThat(first.processingStatus()).as("first instance's segments").hasSize(2);
        });

        Map<String, Long> onFirst = new ConcurrentHashMap<>();
        Map<String, Long> onSecond = new ConcurrentHashMap<>();
        Disposable a = listen(api.query(), onFirst);
        Disposable b = listen(secondClient, onSecond);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> onFirst.size() == 12 && onSecond.size() == 12);
            emails.forEach(email -> learned(email, "PT2M"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(onFirst.values()).containsOnly(120L);
                assertThat(onSecond.values()).containsOnly(120L);
            });
        } finally {
            a.dispose();
            b.dispose();
        }
        Set<Integer> firstSegments = first.processingStatus().keySet();
        assertThat(other.processingStatus().keySet()).doesNotContainAnyElementsOf(firstSegments).hasSize(2);
    }

    /** Keeps the latest learning seconds of each trainee a stream reports. */
    private Disposable listen(WebTestClient client, Map<String, Long> latest) {
        return events(client, "/api/organizations/{o}/reports/learning/stream", null)
                .filter(event -> "row".equals(event.event()))
                .subscribe(event -> latest.put(String.valueOf(row(event).get("traineeId")),
                        ((Number) row(event).get("learningSeconds")).longValue()));
    }

    static Set<String> names(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> String.valueOf(r.get("name"))).collect(Collectors.toSet());
    }
}
