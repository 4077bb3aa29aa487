package org.elearn.query.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.events.membership.MemberImported;
import org.elearn.query.QuerySideTest;
import org.elearn.query.SameSegment;
import org.elearn.support.axon.DeadLetters;
import org.elearn.support.axon.ProcessorFailures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A batch is handled whole, without a savepoint per handler call. A call that fails there (here
 * PostgreSQL refuses a NUL in the name the members projection writes in its handler; no other
 * projection reads the name) rolls
 * the batch back and it is handled again one event at a time: only the failing event, and its
 * subject's later ones, are parked; the other subject on the same segment is projected; and the
 * retry is not counted as a processor failure, so readiness stays UP.
 */
@QuerySideTest
class FailingHandlerInBatchTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    ProcessorFailures failures;

    @Test
    void theFailingEventIsParkedTheOthersProjectedAndNoFailureCounted() {
        UUID poisoned = UUID.randomUUID();
        UUID organization = UUID.randomUUID();
        List<UUID> others = List.of(SameSegment.as(poisoned), SameSegment.as(poisoned), SameSegment.as(poisoned));
        publish(member(others.get(0), organization, "Grace Hopper"));
        String refused = publish(member(poisoned, organization, "Grace\u0000Hopper"));
        publish(member(others.get(1), organization, "Grace Hopper"));
        publish(member(others.get(2), organization, "Grace Hopper"));
        long refusedIndex = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?", Long.class, refused);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (UUID other : others) {
                assertThat(rows(other)).isEqualTo(1);
            }
            DeadLetters.Group letters = deadLetters.list(100).stream()
                    .filter(g -> g.processingGroup().equals("members")).findFirst().orElseThrow();
            assertThat(letters.letters()).extracting(DeadLetters.Letter::globalIndex).containsExactly(refusedIndex);
        });
        assertThat(rows(poisoned)).isZero();
        assertThat(failures.failing("members")).as("a retry one event at a time is no processor failure").isFalse();
    }

    private static MemberImported member(UUID member, UUID organization, String name) {
        return new MemberImported(member, organization, name, "grace-" + member + "@example.com", null, "Sales");
    }

    private int rows(UUID member) {
        return jdbc.queryForObject("SELECT count(*) FROM member_view WHERE member_id = ?", Integer.class, member);
    }

    private String publish(Object payload) {
        return SameSegment.publish(eventStore, payload);
    }
}
