package org.elearn.events.organization;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * A person asked to administer an organization. They can act only once an operator approves them.
 * The password is not here: its hash lives in the command side's credentials table.
 *
 * @param administratorId the person's user id
 * @param organizationId the organization they want to administer
 * @param name their name
 * @param email their email
 * @param phone their phone, optional
 * @param occupation their occupation, optional
 * @param documents qualification documents showing they may represent the organization
 */
public record AdministratorRegistered(@DataSubjectId UUID administratorId,
                                      UUID organizationId,
                                      @PersonalData String name,
                                      @PersonalData String email,
                                      @PersonalData String phone,
                                      @PersonalData String occupation,
                                      List<QualificationDocument> documents) {

    /** Checks identity and name, and copies the documents. */
    public AdministratorRegistered {
        Objects.requireNonNull(administratorId, "administratorId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        documents = documents == null ? List.of() : List.copyOf(documents);
    }
}
