package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.query.QuerySideApplication;
import org.elearn.support.security.AuthProperties;
import org.elearn.testsupport.DatabaseDump;
import org.elearn.testsupport.TestDatabases;
import org.elearn.testsupport.TestKeys;
import org.elearn.testsupport.TestMailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Erasure holds for every copy: events, snapshots, dead letters, projections, lookups, credentials,
 * logs. Both services as deployed, plus a second query-side instance, on a real PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErasureEndToEndIT {

    private static final String OPERATOR_EMAIL = "operator@erasure.example";
    private static final String OPERATOR_PASSWORD = "operator-password-789";

    private final TestDatabases.TestDatabase db = TestDatabases.create();
    /**
     * Both services' settings, in the separate processor layout; {@code MergedErasureEndToEndIT} puts
     * the merged (default) layout in its place.
     */
    final Map<String, Object> common = new HashMap<>(Map.of(
            "learning.db.url", db.learningUrl(), "learning.db.user", db.user(),
            "learning.db.password", db.password(), "learning.secrets.dir", "target/erasure-secrets",
            "learning.crypto.kek", TestKeys.KEK, "server.port", 0, "learning.query.processors", "separate"));
    private Services services;
    private ConfigurableApplicationContext secondQuerySide;

    @AfterEach
    void stop() {
        if (secondQuerySide != null) {
            secondQuerySide.close();
        }
        if (services != null) {
            services.close();
        }
    }

    private String login(String email, String password) {
        return LocalApi.client(services.commandSidePort()).post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();
    }

    private record Subject(UUID id, String name, String email, String phone, String renamed, String token) {
        List<String> markers() {
            return List.of(name, email, phone.replace("+", ""), renamed);
        }
    }

    private Subject register(String label) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String phone = "+" + ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L);
        Subject s = new Subject(null, label + "Name" + tag, label.toLowerCase() + "mail" + tag + "@erasure.example",
                phone, label + "Renamed" + tag, null);
        UUID id = TestMailbox.registered(LocalApi.client(services.commandSidePort()),
                login(OPERATOR_EMAIL, OPERATOR_PASSWORD), "/api/instructors", Map.of("name", s.name(),
                        "email", s.email(), "phone", s.phone(), "password", "long-enough-password"));
        String token = login(s.email(), "long-enough-password");
        LocalApi.client(services.commandSidePort()).put().uri("/api/instructors/{id}/profile", id)
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", s.renamed(), "phone", s.phone()))
                .exchange().expectStatus().isNoContent();
        return new Subject(id, s.name(), s.email(), s.phone(), s.renamed(), token);
    }

    private WebTestClient.BodyContentSpec ownProfile(Subject s) {
        return LocalApi.client(services.querySidePort()).get().uri("/api/me/profile")
                .headers(h -> h.setBearerAuth(s.token())).exchange().expectStatus().isOk().expectBody();
    }

    private WebTestClient.BodyContentSpec export(int port, Subject s) {
        return LocalApi.client(port).get().uri("/api/users/{id}/personal-data", s.id())
                .headers(h -> h.setBearerAuth(s.token())).exchange()
                .expectStatus().isOk().expectBody();
    }

    @Test
    void erasureLeavesNoCopyOfTheSubjectsPersonalData(CapturedOutput logs) throws Exception {
        services = Services.start(common,
                Map.of("learning.operator.email", OPERATOR_EMAIL, "learning.operator.password", OPERATOR_PASSWORD),
                Map.of());
        Map<String, Object> second = new HashMap<>(common);
        second.put("learning.auth.jwks-uri",
                "http://localhost:" + services.commandSidePort() + "/.well-known/jwks.json");
        secondQuerySide = Services.run(QuerySideApplication.application(), second);
        int secondPort = ((org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext)
                secondQuerySide).getWebServer().getPort();

        Subject erased = register("Erasee");
        Subject kept = register("Keeper");
        JdbcTemplate jdbc = services.commandSide().getBean(JdbcTemplate.class);

        // a snapshot of the aggregate, which holds the personal data
        Class<?> instructor = Class.forName("org.elearn.command.instructor.Instructor");
        services.commandSide().getBean(Snapshotter.class).scheduleSnapshot(instructor, erased.id().toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class,
                erased.id().toString()) == 1);

        // before erasure: readable through both query-side instances (which caches their keys)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> export(services.querySidePort(), erased)
                .jsonPath("$.categories.account.events.length()").isEqualTo(2)
                .jsonPath("$.categories.account.events[0].personalData.email").isEqualTo(erased.email())
                .jsonPath("$.categories.account.events[1].personalData.name").isEqualTo(erased.renamed())
                .jsonPath("$.categories.profile.records.instructorProfile.name").isEqualTo(erased.renamed()));
        export(secondPort, erased).jsonPath("$.categories.account.events[0].personalData.name").isEqualTo(erased.name());
        // the instructor's own phone, which the profile projection keeps (sealed) for their own profile
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ownProfile(erased)
                .jsonPath("$.instructor.phone").isEqualTo(erased.phone()));
        EventProcessingConfiguration processing = services.querySide().getBean(EventProcessingConfiguration.class);
        // token entries hold positions only, and there is no saga table at all
        String tokens = jdbc.queryForList("SELECT convert_from(token, 'UTF8') FROM token_entry", String.class)
                .toString();
        assertThat(tokens).contains("index");
        assertNoMarkers(tokens, erased);
        assertNoMarkers(tokens, kept);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '%saga%'",
                Long.class)).isZero();
        JdbcKeyVault firstVault = services.querySide().getBean(JdbcKeyVault.class);
        JdbcKeyVault secondVault = secondQuerySide.getBean(JdbcKeyVault.class);
        assertThat(firstVault.keyForReading(erased.id().toString())).isPresent();
        assertThat(secondVault.keyForReading(erased.id().toString())).isPresent();

        // a dead letter holding one of the subject's events, in the real JDBC dead-letter queue;
        // it parks the subject's sequence in that group, which must not hold the erasure back
        var updated = services.commandSide().getBean(EventStore.class).readEvents(erased.id().toString(), 0)
                .asStream().filter(e -> e.getPayloadType().getSimpleName().equals("InstructorProfileUpdated"))
                .findFirst().orElseThrow();
        processing.deadLetterQueue("instructor-profile").orElseThrow()
                .enqueue(erased.id().toString(), new GenericDeadLetter<>(erased.id().toString(), updated,
                        new IllegalStateException("forced for the erasure test")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry", Long.class)).isOne();

        LocalApi.client(services.commandSidePort()).post().uri("/api/users/{id}/erasure", erased.id())
                .headers(h -> h.setBearerAuth(erased.token())).exchange()
                .expectStatus().isAccepted();

        // both query-side instances stop decrypting within 1 s: their cached keys were evicted
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).until(() ->
                firstVault.keyForReading(erased.id().toString()).isEmpty()
                        && secondVault.keyForReading(erased.id().toString()).isEmpty());
        String operator = login(OPERATOR_EMAIL, OPERATOR_PASSWORD);
        LocalApi.client(services.commandSidePort()).post().uri("/api/users/{id}/erasure", erased.id())
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isAccepted();

        // projections follow
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM instructor_profile WHERE instructor_id = ?", Long.class, erased.id()) == 0
                && jdbc.queryForObject("SELECT count(*) FROM personal_data_event WHERE subject_id = ?",
                Long.class, erased.id().toString()) == 0);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?", Long.class,
                erased.id().toString())).isZero();
        LocalApi.client(services.querySidePort()).get().uri("/api/users/{id}/personal-data", erased.id())
                .headers(h -> h.setBearerAuth(erased.token())).exchange().expectStatus().isUnauthorized();

        // the export: 410 with no data for the erased subject, to an administrator of their organization
        // (organizations arrive with a later issue, so the membership is set directly here)
        UUID organization = UUID.randomUUID();
        // the personal-data index adds a subject's row when its projection reaches their first event;
        // the wait above covered the erased subject only, so wait for the kept one's row too (a row
        // added after this update would have no organization, and the export would answer 404)
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM data_subject WHERE subject_id IN (?, ?)", Long.class,
                erased.id().toString(), kept.id().toString()) == 2);
        assertThat(jdbc.update("UPDATE data_subject SET organization_id = ? WHERE subject_id IN (?, ?)", organization,
                erased.id().toString(), kept.id().toString())).isEqualTo(2);
        RSAKey signingKey = services.commandSide().getBean(RSAKey.class);
        String admin = sign(signingKey, organization, "ORG_ADMIN");
        String otherAdmin = sign(signingKey, UUID.randomUUID(), "ORG_ADMIN");
        String gone = LocalApi.client(services.querySidePort()).get().uri("/api/users/{id}/personal-data", erased.id())
                .headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isEqualTo(410)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertNoMarkers(gone, erased);
        LocalApi.client(services.querySidePort()).get().uri("/api/users/{id}/personal-data", kept.id())
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk();
        LocalApi.client(services.querySidePort()).get().uri("/api/users/{id}/personal-data", kept.id())
                .headers(h -> h.setBearerAuth(otherAdmin)).exchange().expectStatus().isNotFound();
        LocalApi.client(services.querySidePort()).get().uri("/api/users/{id}/personal-data", UUID.randomUUID())
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNotFound();
        String instructorToken = sign(signingKey, null, "INSTRUCTOR");
        LocalApi.client(services.querySidePort()).get().uri("/api/users/{id}/personal-data", kept.id())
                .headers(h -> h.setBearerAuth(instructorToken)).exchange()
                .expectStatus().isForbidden();

        // events and aggregates still load; marked fields read as the replacement value
        var events = services.commandSide().getBean(EventStore.class).readEvents(erased.id().toString(), 0)
                .asStream().toList();
        assertThat(events).isNotEmpty();
        assertThat(events.get(0).getPayload().toString()).contains("[erased]").doesNotContain(erased.name());

        assertNoMarkers(DatabaseDump.dump(db), erased);
        assertNoMarkers(logs.getAll(), erased);

        // a full rebuild of every projection brings none of it back; both instances hold segments, so
        // both stop before the reset and both carry on after it (in the merged layout, the reset of
        // the processor hosting a group rebuilds every group it hosts)
        var bothProcessings = List.of(processing, secondQuerySide.getBean(EventProcessingConfiguration.class));
        for (String group : List.of("instructor-profile", "personal-data-index")) {
            bothProcessings.forEach(each -> each.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class).orElseThrow()
                    .shutDown());
            processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class).orElseThrow().resetTokens();
            bothProcessings.forEach(each -> each.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class).orElseThrow()
                    .start());
        }
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(bothProcessings, "instructor-profile", head)
                && caughtUp(bothProcessings, "personal-data-index", head));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM instructor_profile WHERE instructor_id = ?", Long.class,
                erased.id())).isZero();
        assertNoMarkers(DatabaseDump.dump(db), erased);

        // the other subject is untouched
        ownProfile(kept).jsonPath("$.instructor.phone").isEqualTo(kept.phone());
        export(services.querySidePort(), kept)
                .jsonPath("$.categories.account.events[0].personalData.email").isEqualTo(kept.email())
                .jsonPath("$.categories.account.events[0].personalData.phone").isEqualTo(kept.phone())
                .jsonPath("$.categories.profile.records.instructorProfile.name").isEqualTo(kept.renamed());
        String dump = DatabaseDump.dump(db);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?", Long.class,
                kept.id().toString())).isOne();
        assertThat(dump).doesNotContain(kept.email()); // encrypted at rest all along
    }

    private String sign(RSAKey key, UUID organization, String role) throws Exception {
        AuthProperties auth = services.commandSide().getBean(AuthProperties.class);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(auth.issuer()).audience(auth.audience())
                .subject(UUID.randomUUID().toString()).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).claim("roles", List.of(role));
        if (organization != null) {
            claims.claim("org", organization.toString());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** Every one of the four segments of the group's processor, on whichever instance holds it, has reached the head. */
    private static boolean caughtUp(List<EventProcessingConfiguration> instances, String group, long head) {
        var status = instances.stream().flatMap(processing -> processing
                .eventProcessorByProcessingGroup(group, StreamingEventProcessor.class).orElseThrow().processingStatus().values().stream())
                .toList();
        return status.size() == 4 && status.stream().allMatch(s -> s.getCurrentPosition().orElse(-1) >= head);
    }

    private static void assertNoMarkers(String text, Subject subject) {
        for (String marker : subject.markers()) {
            for (String form : DatabaseDump.forms(marker)) {
                assertThat(text).as("a form of an erased marker").doesNotContain(form);
            }
        }
    }
}
