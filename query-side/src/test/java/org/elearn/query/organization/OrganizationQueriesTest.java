package org.elearn.query.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.events.organization.AdministratorApproved;
import org.elearn.events.organization.AdministratorRegistered;
import org.elearn.events.organization.DocumentType;
import org.elearn.events.organization.OrganizationRegistered;
import org.elearn.events.organization.QualificationDocument;
import org.elearn.query.QuerySideTest;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link OrganizationQueries} on a real database, fed by the projection: an organization by id and
 * in the list, its administrators with their sealed fields opened (the documents as JSON), an
 * administrator's own record and whole row, the JSON field names the API has always shown, and
 * nothing personal left once the administrator's key is destroyed.
 */
@QuerySideTest
class OrganizationQueriesTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    OrganizationQueries organizations;
    @Autowired
    JdbcKeyVault vault;
    @Autowired
    ObjectMapper mapper;

    @Test
    void readsOrganizationsAndOpensTheirAdministrators() {
        UUID organization = UUID.randomUUID();
        UUID administrator = UUID.randomUUID();
        eventStore.publish(new GenericDomainEventMessage<>("Organization", organization.toString(), 0,
                new OrganizationRegistered(organization, "Query Org " + organization, "EU")));
        eventStore.publish(new GenericDomainEventMessage<>("Administrator", administrator.toString(), 0,
                new AdministratorRegistered(administrator, organization, "Olga Admin", "olga@example.org", "+4455",
                        "Head of training", List.of(new QualificationDocument(DocumentType.NDA,
                        "https://docs.example/nda.pdf", "ab".repeat(32))))));
        eventStore.publish(new GenericDomainEventMessage<>("Administrator", administrator.toString(), 1,
                new AdministratorApproved(administrator, organization, UUID.randomUUID())));
        await().atMost(Duration.ofSeconds(60)).until(() -> organizations.byId(organization).hasElement().block()
                && organizations.administrators(organization).collectList().block().stream()
                .anyMatch(a -> "APPROVED".equals(a.status())));

        OrganizationQueries.Organization found = organizations.byId(organization).block();
        assertThat(found.name()).isEqualTo("Query Org " + organization);
        assertThat(found.dataRegion()).isEqualTo("EU");
        assertThat(organizations.all().collectList().block()).contains(found);
        assertThat(organizations.byId(UUID.randomUUID()).blockOptional()).isEmpty();

        OrganizationQueries.Administrator admin = organizations.administrators(organization).blockFirst();
        assertThat(admin.administratorId()).isEqualTo(administrator);
        assertThat(admin.name()).isEqualTo("Olga Admin");
        assertThat(admin.email()).isEqualTo("olga@example.org");
        assertThat(admin.occupation()).isEqualTo("Head of training");
        assertThat(admin.documents().get(0).get("uri").asText()).isEqualTo("https://docs.example/nda.pdf");
        assertThat(organizations.administrators(UUID.randomUUID()).collectList().block()).isEmpty();
        assertThat(organizations.ownNow(administrator)).hasValueSatisfying(own -> {
            assertThat(own.organizationId()).isEqualTo(organization);
            assertThat(own.phone()).isEqualTo("+4455");
            assertThat(own.status()).isEqualTo("APPROVED");
        });

        assertThat(fields(found)).containsExactly("organizationId", "name", "dataRegion", "registeredAt");
        assertThat(fields(admin)).containsExactly("administratorId", "name", "email", "phone", "occupation",
                "documents", "status", "registeredAt");
        assertThat(fields(organizations.ownNow(administrator).orElseThrow())).containsExactly("organizationId", "name",
                "email", "phone", "occupation", "status");

        vault.erase(administrator.toString());
        assertThat(organizations.recordNow(administrator)).hasValueSatisfying(row -> {
            assertThat(row.name()).isNull();
            assertThat(row.email()).isNull();
            assertThat(row.documents()).isNull();
            assertThat(row.status()).isEqualTo("APPROVED");
        });
    }

    private List<String> fields(Object value) {
        List<String> names = new ArrayList<>();
        mapper.valueToTree(value).fieldNames().forEachRemaining(names::add);
        return names;
    }
}
