package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.springboot.EventProcessorProperties;
import org.elearn.support.axon.SealedEvents;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The query side's merged processor layout ({@code learning.query.processors: merged}): the
 * projections share two processors (one reading sealed events), the learning report and the erasure
 * keep their own, and every group keeps its ordering by data subject and its dead-letter queue.
 * Switching an existing database from one layout to the other hands the processors' tokens over
 * instead of replaying the history from the start, and the projections, the consistency check and
 * the dead-letter listing work in either. (The erasure, rebuild, dead-letter and consistency-check end-to-end tests run
 * in this layout too: {@code Merged*IT}.)
 */
@ExtendWith(OutputCaptureExtension.class)
class MergedProcessorsIT {

    static final Map<String, Object> MERGED = Map.of("learning.query.processors", "merged");
    /** The layout before merged became the default, which the base classes of the {@code Merged*IT} run. */
    static final Map<String, Object> SEPARATE = Map.of("learning.query.processors", "separate");
    private static final Set<String> SEPARATE_MERGED_GROUPS = Set.of("members", "instructor-profile",
            "organizations", "courses", "invitations", "auditors", "enrolments", "learning-activity",
            "personal-data-index");

    private final TestDatabases.TestDatabase db = TestDatabases.create();
    private final List<LocalApi> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(LocalApi::close);
    }

    @Test
    void switchingLayoutsHandsTheTokensOverAndEveryProjectionCarriesOn(CapturedOutput logs) throws Exception {
        // written in the separate layout
        LocalApi separate = start(SEPARATE);
        String operator = separate.operator();
        LocalApi.TrainingOrganization acme = separate.organizationWithTrainees(operator, "Merged Acme", "Mia",
                "merged.example", LocalApi.numberedTrainees(3, 1));
        learning(separate, acme, 3);
        awaitConsistent(separate, operator, 3 * 6 * 60_000L, acme);
        separate.close();
        started.remove(separate);
        Map<String, Long> before = positions();
        assertThat(before.keySet()).containsAll(SEPARATE_MERGED_GROUPS).doesNotContain("projections",
                "sealed-projections");

        // started merged: each merged processor starts at the slowest of the processors it replaces
        LocalApi merged = start(MERGED);
        assertThat(logs.getAll()).contains("processor projections (merged layout) starts at position "
                + min(before, "members", "instructor-profile", "organizations", "courses", "invitations", "auditors")
                + ",");
        assertThat(logs.getAll()).contains("processor sealed-projections (merged layout) starts at position "
                + min(before, "enrolments", "learning-activity", "personal-data-index") + ",");
        EventProcessingConfiguration processing = merged.services().querySide()
                .getBean(EventProcessingConfiguration.class);
        assertThat(processing.eventProcessors().keySet()).containsExactlyInAnyOrder("learning-report",
                "projection-erasure", "projections", "sealed-projections");
        var settings = merged.services().querySide().getBean(EventProcessorProperties.class).getProcessors();
        assertThat(settings.get("sealed-projections").getSource()).isEqualTo(SealedEvents.BEAN);
        assertThat(settings.get("projections").getSource()).isNull();
        SequencingPolicyIT.everyGroupIsPooledSequencedAndParksFailuresUnlessListed(merged);
        SequencingPolicyIT.everyProcessorSequencesByDataSubject(merged);

        // every projection carries on: members, reports, the consistency check (by the hosting
        // processor's tokens), and the dead-letter listing names the groups, not the processors
        String admin = acme.admin();
        merged.importTrainees(acme, List.of(new LocalApi.Trainee("Late Comer", "late", "Dept 0")));
        merged.memberId(admin, acme.id(), "Late Comer");
        learning(merged, acme, 3);
        awaitConsistent(merged, operator, 2 * 3 * 6 * 60_000L, acme);
        assertThat(positions().keySet()).doesNotContainAnyElementsOf(SEPARATE_MERGED_GROUPS);
        List<Map<String, Object>> letters = merged.query().get().uri("/api/operations/dead-letters")
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isOk()
                .expectBodyList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        assertThat(letters).extracting(group -> group.get("processingGroup").toString())
                .contains("members", "courses", "learning-activity", "learning-report")
                .doesNotContain("projections", "sealed-projections", "projection-erasure");
        merged.close();
        started.remove(merged);
        Map<String, Long> mergedPositions = positions();

        // and back: every separate processor starts where its merged one was
        LocalApi again = start(SEPARATE);
        assertThat(logs.getAll()).contains("processor members (separate layout) starts at position "
                + mergedPositions.get("projections") + ",");
        assertThat(logs.getAll()).contains("processor learning-activity (separate layout) starts at position "
                + mergedPositions.get("sealed-projections") + ",");
        learning(again, acme, 1);
        awaitConsistent(again, operator, (2 * 3 * 6 + 6) * 60_000L, acme);
        assertThat(positions().keySet()).doesNotContain("projections", "sealed-projections");
        SequencingPolicyIT.everyGroupIsPooledSequencedAndParksFailuresUnlessListed(again);
        SequencingPolicyIT.everyProcessorSequencesByDataSubject(again);
    }

    private LocalApi start(Map<String, Object> settings) {
        LocalApi api = LocalApi.withSettings(db, "target/merged-secrets", settings);
        started.add(api);
        return api;
    }

    /** 1 + 2 + 3 minutes for each of the organization's first {@code trainees} trainees. */
    private static void learning(LocalApi api, LocalApi.TrainingOrganization organization, int trainees) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (int i = 0; i < trainees; i++) {
            for (int minutes = 1; minutes <= 3; minutes++) {
                statements.add(LocalApi.experienced(organization.email("t" + i), "PT" + minutes + "M"));
            }
        }
        api.ingest(organization.credential(), statements);
    }

    /** Waits until the consistency check finds every projection caught up and consistent, at this total. */
    @SuppressWarnings("unchecked")
    private static void awaitConsistent(LocalApi api, String operator, long learningMillis,
                                        LocalApi.TrainingOrganization organization) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Map<?, ?> body = api.query().get().uri("/api/operations/consistency?organization=" + organization.id())
                    .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            assertThat(body.get("status")).isEqualTo("CONSISTENT");
            Map<?, ?> report = ((List<Map<?, ?>>) body.get("projections")).stream()
                    .filter(p -> "learning-report".equals(p.get("projection"))).findFirst().orElseThrow();
            Map<?, ?> totals = (Map<?, ?>) ((List<Map<?, ?>>) report.get("organizations")).get(0).get("totals");
            assertThat(((Number) ((Map<?, ?>) totals.get("learningMillis")).get("actual")).longValue())
                    .isEqualTo(learningMillis);
        });
    }

    /** Each processor's lowest position over its segments, from the token store (JSON tokens). */
    private Map<String, Long> positions() throws Exception {
        Map<String, Long> positions = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT processor_name, convert_from(token, 'UTF8') FROM token_entry")) {
            while (rs.next()) {
                String token = rs.getString(2);
                long position = token == null ? -1 : Long.parseLong(token.replaceAll("(?s).*\"index\"\\s*:\\s*(\\d+).*",
                        "$1"));
                positions.merge(rs.getString(1), position, Math::min);
            }
        }
        return positions;
    }

    private static long min(Map<String, Long> positions, String... processors) {
        return new TreeSet<>(List.of(processors)).stream().mapToLong(positions::get).min().orElseThrow();
    }
}
