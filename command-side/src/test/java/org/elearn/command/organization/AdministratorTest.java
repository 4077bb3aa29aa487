package org.elearn.command.organization;

import static org.elearn.testsupport.Refusals.refusedWith;

import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.elearn.command.CommandErrors;
import org.elearn.events.organization.AdministratorApproved;
import org.elearn.events.organization.AdministratorRegistered;
import org.elearn.events.organization.AdministratorRejected;
import org.elearn.events.organization.DocumentType;
import org.elearn.events.organization.OrganizationRegistered;
import org.elearn.events.organization.QualificationDocument;
import org.junit.jupiter.api.Test;

class AdministratorTest {

    private final AggregateTestFixture<Administrator> fixture = new AggregateTestFixture<>(Administrator.class);
    private final UUID id = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();
    private final UUID operator = UUID.randomUUID();
    private final List<QualificationDocument> documents = List.of(
            new QualificationDocument(DocumentType.NDA, "https://files.example/nda.pdf", "a".repeat(64)));
    private final AdministratorRegistered registered = new AdministratorRegistered(id, organization, "Olive Admin",
            "olive@example.com", null, "Training lead", documents);

    @Test
    void registeringRecordsAPendingAdministratorWithDocuments() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAdministrator(id, organization, "Olive Admin", "olive@example.com", null,
                        "Training lead", documents))
                .expectEvents(registered);
    }

    @Test
    void aPendingAdministratorCanBeApproved() {
        fixture.given(registered)
                .when(new ApproveAdministrator(id, operator))
                .expectEvents(new AdministratorApproved(id, organization, operator));
    }

    @Test
    void aPendingAdministratorCanBeRejectedWithAReason() {
        fixture.given(registered)
                .when(new RejectAdministrator(id, operator, "documents unreadable"))
                .expectEvents(new AdministratorRejected(id, organization, operator, "documents unreadable"));
    }

    @Test
    void anApprovedAdministratorCannotBeDecidedAgain() {
        fixture.given(registered, new AdministratorApproved(id, organization, operator))
                .when(new RejectAdministrator(id, operator, null))
                .expectNoEvents()
                .expectException(refusedWith(CommandErrors.ADMINISTRATOR_NOT_PENDING));
    }

    @Test
    void aRejectedAdministratorCannotBeApprovedLater() {
        fixture.given(registered, new AdministratorRejected(id, organization, operator, null))
                .when(new ApproveAdministrator(id, operator))
                .expectNoEvents()
                .expectException(refusedWith(CommandErrors.ADMINISTRATOR_NOT_PENDING));
    }

    @Test
    void registeringAnOrganizationRecordsIt() {
        UUID org = UUID.randomUUID();
        new AggregateTestFixture<>(Organization.class)
                .givenNoPriorActivity()
                .when(new RegisterOrganization(org, "Acme Training", "sg"))
                .expectEvents(new OrganizationRegistered(org, "Acme Training", "sg"));
    }
}
