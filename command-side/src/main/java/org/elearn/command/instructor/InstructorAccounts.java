package org.elearn.command.instructor;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.elearn.command.identity.AccountStore;
import org.elearn.command.registration.Registrar;
import org.elearn.events.instructor.InstructorPublicProfileEdited;
import org.elearn.events.privacy.KeyVault;
import org.elearn.events.privacy.SubjectErasedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.elearn.tenancy.Roles;
import org.elearn.command.CommandErrors;
import org.springframework.stereotype.Service;

/**
 * Instructor accounts: self-registration (completed once the email is verified, see
 * {@link org.elearn.command.registration.PendingRegistrations}), profile changes, and the public
 * profile of every instructor. On registration the email reservation, the credentials and the event
 * append commit in the verification's JDBC transaction (Axon's unit of work joins it), so a refusal stores nothing
 * and a success leaves no half-made account. Blocking: call it off the event loop.
 */
@Service
public record InstructorAccounts(AccountStore accounts, CommandGateway commands, KeyVault keyVault,
                                 EventGateway events) implements Registrar<InstructorAccounts.Details> {

    /** What a self-registering instructor typed, kept (encrypted) while their email is verified. */
    public record Details(String name, String email, String phone) {
    }

    @Override
    public Kind<Details> kind() {
        return new Kind<>("INSTRUCTOR", Details.class, "an instructor account");
    }

    /** Registers the instructor once their email is verified: reservation, credentials and event together. */
    @Override
    public Registered complete(UUID instructorId, Details details, String passwordHash) {
        if (!accounts.open(details.email(), instructorId, passwordHash, List.of(Roles.INSTRUCTOR.name()), null,
                AccountStore.Status.ACTIVE)) {
            throw Registrar.emailTakenMeanwhile();
        }
        commands.sendAndWait(new RegisterInstructor(instructorId, details.name(), details.email(), details.phone()));
        return new Registered(URI.create("/api/instructors/" + instructorId), Map.of("instructorId", instructorId));
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
            throw CommandErrors.INSTRUCTOR_NOT_FOUND.refusal("No instructor with this id.");
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
            commands.sendAndWait(new ChangeInstructorDetails(instructorId, name, phone));
        } catch (AggregateNotFoundException e) {
            throw CommandErrors.INSTRUCTOR_NOT_FOUND.refusal("No instructor with this id.");
        }
    }
}
