package org.elearn.query.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elearn.query.projection.ProjectionTests.at;
import static org.elearn.query.projection.ProjectionTests.count;
import static org.elearn.query.projection.ProjectionTests.fence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.elearn.events.audit.AuditorAppointed;
import org.elearn.query.projection.ProjectionTests;
import org.elearn.query.sealing.ProjectionCipher;
import org.elearn.query.sealing.TestCiphers;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The auditor list's projection, its handler called directly, on a real PostgreSQL. */
class AuditorProjectionTest {

    private static final JdbcTemplate JDBC = ProjectionTests.migratedDatabase();
    private static final ProjectionCipher CIPHER = TestCiphers.cipher(TestCiphers.vault(JDBC));
    private static final Instant APPOINTED = Instant.parse("2026-03-02T09:00:00Z");

    private final AuditorProjection projection = new AuditorProjection(JDBC, CIPHER);
    private final UUID auditor = UUID.randomUUID();

    private void appointed(long globalIndex) {
        projection.on(new AuditorAppointed(auditor, "audrey@audit.example", true, UUID.randomUUID()), APPOINTED,
                at(globalIndex));
    }

    private Map<String, Object> row() {
        return CIPHER.openColumns("auditor_view", auditor,
                JDBC.queryForMap("SELECT * FROM auditor_view WHERE auditor_id = ?", auditor));
    }

    @Test
    void anAppointedAuditorIsListedWithTheirEmailSealed() {
        appointed(10);

        assertThat(row()).containsEntry("email", "audrey@audit.example").containsEntry("may_reveal", true)
                .containsEntry("appointed_at", Timestamp.from(APPOINTED)).containsEntry("last_global_index", 10L);
        assertThat(JDBC.queryForObject("SELECT email FROM auditor_view WHERE auditor_id = ?", String.class, auditor))
                .doesNotContain("audrey");
    }

    @Test
    void anEventDeliveredAgainChangesNothing() {
        appointed(10);
        String version = JDBC.queryForObject("SELECT xmin::text FROM auditor_view WHERE auditor_id = ?", String.class,
                auditor);

        appointed(10);

        assertThat(JDBC.queryForObject("SELECT xmin::text FROM auditor_view WHERE auditor_id = ?", String.class,
                auditor)).isEqualTo(version);
    }

    @Test
    void erasureDeletesTheRowAndAFencedAuditorGetsNoneAgain() {
        appointed(10);

        projection.erase(auditor);
        fence(JDBC, auditor);
        appointed(10);

        assertThat(count(JDBC, "auditor_view", "auditor_id = ?", auditor)).isZero();
        assertThat(projection.clearPersonalDataTables()).containsExactly("auditor_view");
    }

    @Test
    void aResetEmptiesTheTable() {
        appointed(10);

        ProjectionTests.resetAsAxonDoes(projection);

        assertThat(count(JDBC, "auditor_view", "true")).isZero();
    }
}
