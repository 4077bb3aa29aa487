package org.elearn.command.registration;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.CommandErrors;
import org.elearn.support.errors.DomainException;

/**
 * A kind of self-registration (an instructor, an organization's administrator) that
 * {@link PendingRegistrations} holds until the email is verified, then hands back to complete.
 *
 * @param <D> what the person typed, kept encrypted while the registration waits
 */
public interface Registrar<D> {

    /** What kind of account this registrar opens. */
    Kind<D> kind();

    /**
     * A kind of account that can be registered for.
     *
     * @param name stored with the pending registration: names the registrar that completes it
     * @param detailsType what the person typed, as the registration keeps it
     * @param accountName what the mails call the account, e.g. "an instructor account"
     */
    record Kind<D>(String name, Class<D> detailsType, String accountName) {
    }

    /**
     * Creates the account exactly as registration always did (the same lookup rows, credentials and
     * events), inside the verification's transaction, so a refusal (409 {@code email-taken} when the
     * email was registered meanwhile) keeps the registration pending and stores nothing.
     */
    Registered complete(UUID userId, D details, String passwordHash);

    /**
     * The refusal of {@link #complete} when an account took the email while the registration waited.
     * The code's holder owns this mailbox, so saying so tells them nothing new.
     */
    static DomainException emailTakenMeanwhile() {
        return CommandErrors.EMAIL_TAKEN.refusal("An account with this email was registered meanwhile.");
    }

    /** The verification's answer: where the new account is, and its body. */
    record Registered(URI location, Map<String, Object> body) {
    }
}
