package org.elearn.query.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elearn.query.projection.ProjectionTests.count;
import static org.elearn.query.projection.ProjectionTests.fence;
import static org.elearn.query.projection.ProjectionTests.tracked;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.elearn.events.course.EnrolmentSource;
import org.elearn.events.course.TraineeEnrolled;
import org.elearn.events.membership.MemberImported;
import org.elearn.events.organization.OrganizationRegistered;
import org.elearn.events.privacy.EncryptingSerializer;
import org.elearn.query.projection.ProjectionTests;
import org.elearn.query.sealing.TestCiphers;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The personal data index's handler, called in a processor's unit of work as it is live (the batch
 * is written when the unit of work commits), on a real PostgreSQL.
 */
class PersonalDataIndexProjectionTest {

    private static final JdbcTemplate JDBC = ProjectionTests.migratedDatabase();
    private static final EncryptingSerializer SERIALIZER = new EncryptingSerializer(
            JacksonSerializer.builder().objectMapper(TestCiphers.MAPPER.copy()).build(), TestCiphers.vault(JDBC));
    private static final Instant OCCURRED = Instant.parse("2026-03-02T09:00:00Z");

    private final PersonalDataIndexProjection projection =
            new PersonalDataIndexProjection(JDBC, TestCiphers.MAPPER, SERIALIZER);
    private final UUID member = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();

    private void batch(EventMessage<?>... messages) {
        ProjectionTests.inOneBatch(List.of(messages), message -> projection.on(message.getPayload(), OCCURRED,
                ((TrackedEventMessage<?>) message).trackingToken()));
    }

    private EventMessage<?> imported(long globalIndex) {
        return tracked(new MemberImported(member, organization, "Ada Lovelace", "ada@example.com", null, "R&D"),
                globalIndex);
    }

    private EventMessage<?> enrolled(long globalIndex) {
        return tracked(new TraineeEnrolled(member, UUID.randomUUID(), organization, EnrolmentSource.ASSIGNED),
                globalIndex);
    }

    private List<Long> indexed() {
        return JDBC.queryForList("SELECT global_index FROM personal_data_event WHERE subject_id = ?"
                + " ORDER BY global_index", Long.class, member.toString());
    }

    @Test
    void eventsNamingASubjectAreIndexedUnderThemWithTheirOrganization() {
        batch(imported(10), tracked(new OrganizationRegistered(organization, "Acme", "eu"), 11), enrolled(12));

        assertThat(indexed()).containsExactly(10L, 12L);
        assertThat(JDBC.queryForObject("SELECT payload_type FROM personal_data_event WHERE global_index = 10"
                + " AND subject_id = ?", String.class, member.toString())).isEqualTo(MemberImported.class.getName());
        assertThat(JDBC.queryForObject("SELECT organization_id FROM data_subject WHERE subject_id = ?", UUID.class,
                member.toString())).isEqualTo(organization);
        assertThat(count(JDBC, "data_subject", "subject_id = ?", organization.toString())).isZero();
    }

    @Test
    void aBatchDeliveredAgainIndexesEachEventOnce() {
        batch(imported(10), enrolled(12));
        batch(imported(10), enrolled(12));

        assertThat(indexed()).containsExactly(10L, 12L);
        assertThat(count(JDBC, "data_subject", "subject_id = ?", member.toString())).isEqualTo(1);
    }

    @Test
    void erasureDropsTheSubjectsIndexAndAFencedSubjectIsNeverIndexedAgain() {
        batch(imported(10));

        projection.erase(member);
        fence(JDBC, member);
        batch(imported(10), enrolled(12));

        assertThat(indexed()).isEmpty();
    }

    @Test
    void aResetEmptiesBothTables() {
        batch(imported(10));

        ProjectionTests.resetAsAxonDoes(projection);

        assertThat(count(JDBC, "personal_data_event", "true") + count(JDBC, "data_subject", "true")).isZero();
    }
}
