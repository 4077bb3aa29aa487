package org.elearn.command.consent;

import java.time.Instant;
import java.util.UUID;
import org.elearn.events.consent.ConsentChannel;

/** What every consent command says about the decision, for the current-state view. */
interface ConsentCommand {

    UUID userId();

    String policyVersion();

    ConsentChannel channel();

    Instant decidedAt();
}
