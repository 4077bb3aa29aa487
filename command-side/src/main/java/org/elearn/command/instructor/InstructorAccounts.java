package org.elearn.command.instructor;

import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.elearn.command.identity.AccountStore;
import org.elearn.command.identity.EmailHasher;
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
 * Instructor accounts: self-registration and profile changes. On registration the email reservation, the credentials and the event append
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

    InstructorAccounts(AccountStore accounts, EmailHasher emailHasher, PasswordEncoder passwords,
                       CommandGateway commands, TransactionTemplate tx, KeyVault keyVault) {
        this.accounts = accounts;
        this.emailHasher = emailHasher;
        this.passwords = passwords;
        this.commands = commands;
        this.tx = tx;
        this.keyVault = keyVault;
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

    /** Sets the public profile; refused for an erased instructor like every write of their data. */
    void editPublicProfile(EditPublicProfile edit) {
        if (keyVault.isErased(edit.instructorId().toString())) {
            throw new SubjectErasedException(edit.instructorId().toString());
        }
        try {
            commands.sendAndWait(edit);
        } catch (AggregateNotFoundException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, "instructor-not-found", "No instructor with this id.");
        }
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
