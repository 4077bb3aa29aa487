package org.elearn.query.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elearn.query.projection.ProjectionTests.at;
import static org.elearn.query.projection.ProjectionTests.count;
import static org.elearn.query.projection.ProjectionTests.fence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.events.organization.AdministratorApproved;
import org.elearn.events.organization.AdministratorRegistered;
import org.elearn.events.organization.AdministratorRejected;
import org.elearn.events.organization.DocumentType;
import org.elearn.events.organization.OrganizationRegistered;
import org.elearn.events.organization.QualificationDocument;
import org.elearn.query.sealing.ProjectionCipher;
import org.elearn.query.sealing.TestCiphers;
import org.elearn.query.projection.ProjectionTests;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The organization projection's handlers, called directly, on a real PostgreSQL. */
class OrganizationProjectionTest {

    private static final JdbcTemplate JDBC = ProjectionTests.migratedDatabase();
    private static final ProjectionCipher CIPHER = TestCiphers.cipher(TestCiphers.vault(JDBC));
    private static final Instant REGISTERED = Instant.parse("2026-03-02T09:00:00Z");

    private final OrganizationProjection projection = new OrganizationProjection(JDBC, CIPHER);
    private final UUID organization = UUID.randomUUID();
    private final UUID administrator = UUID.randomUUID();

    private void registered(long globalIndex) {
        projection.on(new AdministratorRegistered(administrator, organization, "Mary Somerville", "mary@example.com",
                "+44 131 496 0000", "Director", List.of(new QualificationDocument(DocumentType.NDA,
                        "https://files.example.com/nda.pdf", "ab".repeat(32)))), REGISTERED, at(globalIndex));
    }

    private Map<String, Object> administratorRow() {
        return CIPHER.openColumns("administrator_view", administrator,
                JDBC.queryForMap("SELECT * FROM administrator_view WHERE administrator_id = ?", administrator));
    }

    @Test
    void anOrganizationIsListedOnceWithItsRegion() {
        projection.on(new OrganizationRegistered(organization, "Acme Learning", "eu"), REGISTERED, at(10));
        projection.on(new OrganizationRegistered(organization, "Acme Learning", "eu"), REGISTERED, at(10));

        assertThat(JDBC.queryForMap("SELECT name, data_region, registered_at, last_global_index FROM organization_view"
                + " WHERE organization_id = ?", organization)).containsEntry("name", "Acme Learning")
                .containsEntry("data_region", "eu").containsEntry("registered_at", Timestamp.from(REGISTERED))
                .containsEntry("last_global_index", 10L);
    }

    @Test
    void anAdministratorWaitsWithTheirDetailsSealedUntilApprovedOrRejected() {
        registered(10);
        assertThat(administratorRow()).containsEntry("name", "Mary Somerville").containsEntry("email", "mary@example.com")
                .containsEntry("occupation", "Director").containsEntry("status", "PENDING");
        assertThat(administratorRow().get("documents").toString()).contains("https://files.example.com/nda.pdf");
        assertThat(JDBC.queryForMap("SELECT * FROM administrator_view WHERE administrator_id = ?", administrator)
                .toString()).doesNotContain("Mary").doesNotContain("mary@").doesNotContain("nda.pdf");

        projection.on(new AdministratorApproved(administrator, organization, UUID.randomUUID()), at(11));
        assertThat(administratorRow()).containsEntry("status", "APPROVED");

        projection.on(new AdministratorRejected(administrator, organization, UUID.randomUUID(), "no"), at(12));
        assertThat(administratorRow()).containsEntry("status", "REJECTED").containsEntry("last_global_index", 12L);
    }

    @Test
    void aDecisionDeliveredAgainAfterALaterOneChangesNothing() {
        registered(10);
        projection.on(new AdministratorApproved(administrator, organization, UUID.randomUUID()), at(11));
        projection.on(new AdministratorRejected(administrator, organization, UUID.randomUUID(), "no"), at(12));

        registered(10);
        projection.on(new AdministratorApproved(administrator, organization, UUID.randomUUID()), at(11));

        assertThat(administratorRow()).containsEntry("status", "REJECTED").containsEntry("last_global_index", 12L);
    }

    @Test
    void erasureDeletesTheAdministratorAndAFencedOneGetsNoRowAgain() {
        projection.on(new OrganizationRegistered(organization, "Acme Learning", "eu"), REGISTERED, at(9));
        registered(10);

        projection.erase(administrator);
        fence(JDBC, administrator);
        registered(10);

        assertThat(count(JDBC, "administrator_view", "administrator_id = ?", administrator)).isZero();
        assertThat(count(JDBC, "organization_view", "organization_id = ?", organization)).isEqualTo(1);
        assertThat(projection.clearPersonalDataTables()).containsExactly("administrator_view");
    }

    @Test
    void aResetEmptiesBothTables() {
        projection.on(new OrganizationRegistered(organization, "Acme Learning", "eu"), REGISTERED, at(9));
        registered(10);

        ProjectionTests.resetAsAxonDoes(projection);

        assertThat(count(JDBC, "administrator_view", "true") + count(JDBC, "organization_view", "true")).isZero();
    }
}
