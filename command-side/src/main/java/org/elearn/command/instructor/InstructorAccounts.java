package org.elearn.command.instructor;

import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.elearn.command.identity.AccountStore;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.events.instructor.InstructorPublicProfileEdited;
import org.elearn.events.privacy.KeyVault;
import org.elearn.events.privacy.SubjectErasedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.elearn.support.security.Roles;
import org.elearn.support.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Instructor accounts: self-registration, profile changes, and the public profile of every
 * instructor. On registration the email reservation, the credentials and the event append
 * commit in one JDBC transaction (Axon's unit of work joins it), so a refusal stores nothing and a
 * success leaves no half-made account. Blocking: call it off the event loop.
 */
@Service
public class InstructorAccounts {

    private final AccountStore accounts;
    private final EmailHasher emailHasher;
    private final PasswordEncoder passwords;
    private final CommandGateway commands;
    private final TransactionTemplate tx;
    private final KeyVault keyVault;
    private final EventGateway events;

    InstructorAccounts(AccountStore accounts, EmailHasher emailHasher, PasswordEncoder passwords,
                       CommandGateway commands, TransactionTemplate tx, KeyVault keyVault, EventGateway events) {
        this.accounts = accounts;
        this.emailHasher = emailHasher;
        this.passwords = passwords;
        this.commands = commands;
        this.tx = tx;
        this.keyVault = keyVault;
        this.events = events;
    }

    UUID register(String name, String email, String phone, String password) {
        UUID instructorId = UUID.randomUUID();
        byte[] emailHash = emailHasher.hash(email);
        String passwordHash = passwords.encode(password);
        tx.executeWithoutResult(status -> {
            if (!accounts.reserveEmail(emailHash, instructorId)) {
                throw new ApiException(HttpStatus.CONFLICT, "email-taken",
                        "An account with this email already exists.");
            }
            accounts.createCredentials(instructorId, passwordHash, List.of(Roles.INSTRUCTOR.name()), null);
            commands.sendAndWait(new RegisterInstructor(instructorId, name, email, phone));
        });
        return instructorId;
    }

    /**
     * Sets the public profile of anyone whose login holds the INSTRUCTOR role: self-registered, or a
     * member invited to teach. The profile belongs to the person (their user id), not to an
     * aggregate: it has no rule beyond who may edit it, and an aggregate keyed by the user id would
     * share its event stream with the member's or the instructor's own (Axon keys streams by id
     * alone), so the event is published on its own. Refused for an erased instructor like every
     * write of their data.
     */
    void editPublicProfile(InstructorPublicProfileEdited edit) {
        if (keyVault.isErased(edit.instructorId().toString())) {
            throw new SubjectErasedException(edit.instructorId().toString());
        }
        if (!accounts.hasRole(edit.instructorId(), Roles.INSTRUCTOR.name())) {
            throw new ApiException(HttpStatus.NOT_FOUND, "instructor-not-found", "No instructor with this id.");
        }
        events.publish(edit);
    }

    /**
     * Changes the public name and phone. An erased instructor's data can never be stored again: the
     * key vault's fence refuses it (checked here first for a clear answer).
     */
    public void updateProfile(UUID instructorId, String name, String phone) {
        if (keyVault.isErased(instructorId.toString())) {
            throw new SubjectErasedException(instructorId.toString());
        }
        try {
            commands.sendAndWait(new UpdateInstructorProfile(instructorId, name, phone));
        } catch (AggregateNotFoundException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, "instructor-not-found", "No instructor with this id.");
        }
    }
}
