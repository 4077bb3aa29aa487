package org.elearn.command.organization;

import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.elearn.command.identity.AccountStore;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.events.organization.QualificationDocument;
import org.elearn.support.security.Roles;
import org.elearn.support.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Organizations and their administrators. Each change commits its lookup rows, credentials and
 * events in one JDBC transaction. Blocking: call it off the event loop.
 */
@Service
class OrganizationService {

    private final OrganizationDirectory organizations;
    private final AccountStore accounts;
    private final EmailHasher emailHasher;
    private final PasswordEncoder passwords;
    private final CommandGateway commands;
    private final TransactionTemplate tx;

    OrganizationService(OrganizationDirectory organizations, AccountStore accounts, EmailHasher emailHasher,
                        PasswordEncoder passwords, CommandGateway commands, TransactionTemplate tx) {
        this.organizations = organizations;
        this.accounts = accounts;
        this.emailHasher = emailHasher;
        this.passwords = passwords;
        this.commands = commands;
        this.tx = tx;
    }

    UUID registerOrganization(String name, String dataRegion) {
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            organizations.add(id);
            commands.sendAndWait(new RegisterOrganization(id, name, dataRegion));
        });
        return id;
    }

    /** A pending administrator: they can log in to nothing until an operator approves them. */
    UUID registerAdministrator(UUID organizationId, String name, String email, String phone, String occupation,
                               String password, List<QualificationDocument> documents) {
        UUID id = UUID.randomUUID();
        byte[] emailHash = emailHasher.hash(email);
        String passwordHash = passwords.encode(password);
        tx.executeWithoutResult(status -> {
            if (!organizations.exists(organizationId)) {
                throw new ApiException(HttpStatus.NOT_FOUND, "organization-not-found", "No organization with this id.");
            }
            if (!accounts.reserveEmail(emailHash, id)) {
                throw new ApiException(HttpStatus.CONFLICT, "email-taken", "An account with this email already exists.");
            }
            accounts.createCredentials(id, passwordHash, List.of(Roles.ORG_ADMIN.name()), organizationId,
                    AccountStore.Status.PENDING);
            commands.sendAndWait(new RegisterAdministrator(id, organizationId, name, email, phone, occupation,
                    documents));
        });
        return id;
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
                throw new ApiException(HttpStatus.NOT_FOUND, "administrator-not-found", "No administrator with this id.");
            }
            accounts.setStatus(administratorId, newStatus);
        });
    }
}
