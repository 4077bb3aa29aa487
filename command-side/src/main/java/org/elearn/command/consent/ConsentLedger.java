package org.elearn.command.consent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.elearn.command.privacy.SubjectAggregateIds;
import org.elearn.events.consent.ConsentChannel;
import org.elearn.events.consent.ConsentDeclined;
import org.elearn.events.consent.ConsentGranted;
import org.elearn.events.consent.ConsentWithdrawn;
import org.elearn.command.CommandErrors;

/**
 * One user's consents, purpose by purpose; its events are the consent history. Created by the first
 * decision. Answers what each command changed, so the caller can keep the current-state view in the
 * same transaction.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class ConsentLedger {

    @AggregateIdentifier
    private UUID ledgerId;
    private Map<String, ConsentState> states = new HashMap<>();
    private Map<String, String> versions = new HashMap<>();

    ConsentLedger() {
        // for Axon: rebuilt from events
    }

    static UUID idFor(UUID userId) {
        return SubjectAggregateIds.of("consent-ledger", userId);
    }

    /** A purpose's new state, as recorded by a command. */
    record Decided(String purpose, ConsentState state) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    List<Decided> handle(DecideConsent command) {
        List<Decided> decided = new ArrayList<>();
        if (command.granted()) {
            grant(command.userId(), command.purpose(), command.policyVersion(), command.channel(),
                    command.decidedAt(), decided);
        } else if (isGranted(command.purpose())) {
            withdraw(command.userId(), command.purpose(), command.policyVersion(), command.channel(),
                    command.decidedAt(), decided);
        } else {
            throw CommandErrors.CONSENT_NOT_GIVEN.refusal("There is no consent to this purpose to withdraw.");
        }
        return decided;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    List<Decided> handle(RecordCookieChoice command) {
        List<Decided> decided = new ArrayList<>();
        // sorted, so the events of one choice come in a stable order
        new TreeMap<>(command.choices()).forEach((purpose, yes) -> {
            if (yes) {
                grant(command.userId(), purpose, command.policyVersion(), ConsentChannel.COOKIE_BANNER,
                        command.decidedAt(), decided);
            } else if (isGranted(purpose)) {
                withdraw(command.userId(), purpose, command.policyVersion(), ConsentChannel.COOKIE_BANNER,
                        command.decidedAt(), decided);
            } else if (!states.containsKey(purpose)) {
                apply(new ConsentDeclined(command.userId(), purpose, command.policyVersion(),
                        ConsentChannel.COOKIE_BANNER, command.decidedAt()));
                decided.add(new Decided(purpose, ConsentState.DECLINED));
            }
        });
        return decided;
    }

    /** A grant is recorded unless the same policy version was already consented to. */
    private void grant(UUID userId, String purpose, String version, ConsentChannel channel, Instant at,
                       List<Decided> decided) {
        if (isGranted(purpose) && version.equals(versions.get(purpose))) {
            return;
        }
        apply(new ConsentGranted(userId, purpose, version, channel, at));
        decided.add(new Decided(purpose, ConsentState.GRANTED));
    }

    private void withdraw(UUID userId, String purpose, String version, ConsentChannel channel, Instant at,
                          List<Decided> decided) {
        apply(new ConsentWithdrawn(userId, purpose, version, channel, at));
        decided.add(new Decided(purpose, ConsentState.WITHDRAWN));
    }

    private boolean isGranted(String purpose) {
        return states.get(purpose) == ConsentState.GRANTED;
    }

    @EventSourcingHandler
    void on(ConsentGranted event) {
        ledgerId = idFor(event.userId());
        states.put(event.purpose(), ConsentState.GRANTED);
        versions.put(event.purpose(), event.policyVersion());
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event) {
        ledgerId = idFor(event.userId());
        states.put(event.purpose(), ConsentState.WITHDRAWN);
        versions.put(event.purpose(), event.policyVersion());
    }

    @EventSourcingHandler
    void on(ConsentDeclined event) {
        ledgerId = idFor(event.userId());
        states.put(event.purpose(), ConsentState.DECLINED);
        versions.put(event.purpose(), event.policyVersion());
    }
}
