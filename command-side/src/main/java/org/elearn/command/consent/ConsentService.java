package org.elearn.command.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.command.privacy.SubjectDataHolder;
import org.elearn.events.consent.ConsentChannel;
import org.elearn.events.consent.ConsentDeclined;
import org.elearn.events.consent.ConsentGranted;
import org.elearn.events.consent.ConsentWithdrawn;
import org.elearn.command.CommandErrors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.elearn.support.errors.DomainException;

/**
 * Consent decisions: each goes through the user's {@link ConsentLedger} (whose events are the
 * history) and updates the {@code consent_state} view in the same transaction, so the outbox
 * drainer never reads a state older than the last decision. Erasure deletes the view rows; the
 * events stay as proof and name only the user's id. Blocking: call it off the event loop.
 */
@Service
@EnableConfigurationProperties(ConsentProperties.class)
record ConsentService(CommandGateway commands, EventStore events, JdbcTemplate jdbc, TransactionTemplate tx,
                      ConsentPurposes purposes, ConsentProperties properties,
                      Clock clock) implements SubjectDataHolder {

    /** A purpose's current state; {@code state} is NOT_ASKED and the rest null when never decided. */
    record Current(String purpose, String state, String policyVersion, String channel, Instant decidedAt) {

        boolean granted() {
            return ConsentState.GRANTED.name().equals(state);
        }
    }

    /** One decision of the history. */
    record Decision(String purpose, String decision, String policyVersion, ConsentChannel channel, Instant decidedAt) {
    }

    String policyVersion() {
        return properties.policyVersion();
    }

    Current decide(UUID userId, String purpose, boolean granted, String policyVersion, ConsentChannel channel) {
        purposes.require(purpose);
        if (granted) {
            requireCurrentPolicy(policyVersion);
        }
        record(new DecideConsent(ConsentLedger.idFor(userId), userId, purpose, granted, policyVersion, channel,
                clock.instant()));
        return current(userId, purpose);
    }

    /** The cookie banner's choice for analytics cookies and personalisation. */
    Map<String, Current> cookieChoice(UUID userId, boolean analytics, boolean personalisation, String policyVersion) {
        requireCurrentPolicy(policyVersion);
        Map<String, Boolean> choices = new LinkedHashMap<>();
        choices.put(ConsentPurposes.ANALYTICS_COOKIES, analytics);
        choices.put(ConsentPurposes.PERSONALISATION, personalisation);
        record(new RecordCookieChoice(ConsentLedger.idFor(userId), userId, choices, policyVersion, clock.instant()));
        return cookieState(userId);
    }

    Map<String, Current> cookieState(UUID userId) {
        Map<String, Current> state = new LinkedHashMap<>();
        state.put(ConsentPurposes.ANALYTICS_COOKIES, current(userId, ConsentPurposes.ANALYTICS_COOKIES));
        state.put(ConsentPurposes.PERSONALISATION, current(userId, ConsentPurposes.PERSONALISATION));
        return state;
    }

    /**
     * The one-click unsubscribe: withdraws the consent if it is given, and otherwise does nothing, so
     * a repeated click (or a mail provider's retry) answers the same.
     */
    void withdrawByLink(UUID userId, String purpose) {
        if (!current(userId, purpose).granted()) {
            return;
        }
        try {
            record(new DecideConsent(ConsentLedger.idFor(userId), userId, purpose, false, properties.policyVersion(),
                    ConsentChannel.EMAIL, clock.instant()));
        } catch (DomainException e) {
            if (!e.is(CommandErrors.CONSENT_NOT_GIVEN)) {
                throw e; // only a concurrent withdrawal is expected here
            }
        }
    }

    private void record(ConsentCommand command) {
        tx.executeWithoutResult(status -> {
            List<ConsentLedger.Decided> decided = commands.sendAndWait(command);
            for (ConsentLedger.Decided one : decided) {
                jdbc.update("""
                        INSERT INTO consent_state (user_id, purpose, state, policy_version, channel, decided_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (user_id, purpose) DO UPDATE SET state = excluded.state,
                            policy_version = excluded.policy_version, channel = excluded.channel,
                            decided_at = excluded.decided_at""",
                        command.userId(), one.purpose(), one.state().name(), command.policyVersion(),
                        command.channel().name(), Timestamp.from(command.decidedAt()));
            }
        });
    }

    private void requireCurrentPolicy(String policyVersion) {
        if (!properties.policyVersion().equals(policyVersion)) {
            throw CommandErrors.STALE_POLICY_VERSION.refusal("A consent must answer the current policy text.",
                    Map.of("currentPolicyVersion", properties.policyVersion()));
        }
    }

    List<Current> current(UUID userId) {
        return purposes.all().stream().map(purpose -> current(userId, purpose)).toList();
    }

    Current current(UUID userId, String purpose) {
        return jdbc.query("""
                        SELECT state, policy_version, channel, decided_at FROM consent_state
                         WHERE user_id = ? AND purpose = ?""",
                        (rs, n) -> new Current(purpose, rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant()),
                        userId, purpose).stream().findFirst()
                .orElse(new Current(purpose, "NOT_ASKED", null, null, null));
    }

    /** Every decision the user made, oldest first, read from the ledger's events. */
    List<Decision> history(UUID userId) {
        UUID ledger = ConsentLedger.idFor(userId);
        return events.readEvents(ledger.toString()).asStream()
                .map(message -> decision(message.getPayload()))
                .flatMap(Optional::stream)
                .toList();
    }

    private static Optional<Decision> decision(Object payload) {
        if (payload instanceof ConsentGranted e) {
            return Optional.of(new Decision(e.purpose(), "GRANTED", e.policyVersion(), e.channel(), e.decidedAt()));
        }
        if (payload instanceof ConsentWithdrawn e) {
            return Optional.of(new Decision(e.purpose(), "WITHDRAWN", e.policyVersion(), e.channel(), e.decidedAt()));
        }
        if (payload instanceof ConsentDeclined e) {
            return Optional.of(new Decision(e.purpose(), "DECLINED", e.policyVersion(), e.channel(), e.decidedAt()));
        }
        return Optional.empty();
    }

    /** Erasure: the current-state rows go; marketing then finds no consent. */
    @Override
    public void forget(UUID subjectId) {
        jdbc.update("DELETE FROM consent_state WHERE user_id = ?", subjectId);
    }
}
