package org.elearn.command.organization;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.elearn.command.identity.AccountStore;
import org.elearn.command.registration.Registrar;
import org.elearn.events.organization.QualificationDocument;
import org.elearn.tenancy.Roles;
import org.elearn.command.CommandErrors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Organizations and their administrators (who register themselves, completed once the email is
 * verified: see {@link org.elearn.command.registration.PendingRegistrations}). Each change commits its
 * lookup rows, credentials and events in one JDBC transaction. Blocking: call it off the event loop.
 */
@Service
record OrganizationService(OrganizationDirectory organizations, AccountStore accounts, CommandGateway commands,
                           TransactionTemplate tx) implements Registrar<OrganizationService.AdministratorDetails> {

    UUID registerOrganization(String name, String dataRegion) {
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            organizations.add(id);
            commands.sendAndWait(new RegisterOrganization(id, name, dataRegion));
        });
        return id;
    }

    /** What a self-registering administrator typed, kept (encrypted) while their email is verified. */
    public record AdministratorDetails(UUID organizationId, String name, String email, String phone,
                                       String occupation, List<QualificationDocument> documents) {
    }

    /** Asked before a registration is taken, so a wrong organization is told at once (it reveals no email). */
    void requireOrganization(UUID organizationId) {
        if (!organizations.exists(organizationId)) {
            throw CommandErrors.ORGANIZATION_NOT_FOUND.refusal("No organization with this id.");
        }
    }

    @Override
    public Kind<AdministratorDetails> kind() {
        return new Kind<>("ADMINISTRATOR", AdministratorDetails.class, "an organization administrator account");
    }

    /**
     * A pending administrator, once their email is verified: they can log in to nothing until an
     * operator approves them.
     */
    @Override
    public Registered complete(UUID id, AdministratorDetails details, String passwordHash) {
        requireOrganization(details.organizationId());
        if (!accounts.open(details.email(), id, passwordHash, List.of(Roles.ORG_ADMIN.name()), details.organizationId(),
                AccountStore.Status.PENDING)) {
            throw Registrar.emailTakenMeanwhile();
        }
        commands.sendAndWait(new RegisterAdministrator(id, details.organizationId(), details.name(),
                details.email(), details.phone(), details.occupation(), details.documents()));
        return new Registered(URI.create("/api/administrators/" + id), Map.of("administratorId", id, "status", "PENDING"));
    }

    void approve(UUID administratorId, UUID operatorId) {
        decide(administratorId, new ApproveAdministrator(administratorId, operatorId), AccountStore.Status.ACTIVE);
    }

    void reject(UUID administratorId, UUID operatorId, String reason) {
        decide(administratorId, new RejectAdministrator(administratorId, operatorId, reason),
                AccountStore.Status.REJECTED);
    }

    private void decide(UUID administratorId, Object command, AccountStore.Status newStatus) {
        tx.executeWithoutResult(status -> {
            try {
                commands.sendAndWait(command);
            } catch (AggregateNotFoundException e) {
                throw CommandErrors.ADMINISTRATOR_NOT_FOUND.refusal("No administrator with this id.");
            }
            accounts.setStatus(administratorId, newStatus);
        });
    }
}
