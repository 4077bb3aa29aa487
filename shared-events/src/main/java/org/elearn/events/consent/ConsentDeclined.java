package org.elearn.events.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * A user said no to a purpose they had never consented to (the cookie banner's refusal), so they are not asked again under this policy version.
 *
 * @param userId the user who decided
 * @param purpose the purpose, e.g. {@code MARKETING_EMAIL}
 * @param policyVersion the version of the policy text the decision answered
 * @param channel where the decision came from
 * @param decidedAt when it was decided
 */
public record ConsentDeclined(@DataSubjectId UUID userId, String purpose, String policyVersion, ConsentChannel channel,
                           Instant decidedAt) {

    /** Checks that every field is present. */
    public ConsentDeclined {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
