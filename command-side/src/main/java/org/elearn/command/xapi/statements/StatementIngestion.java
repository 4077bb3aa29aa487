package org.elearn.command.xapi.statements;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.eventhandling.EventMessage;
import org.elearn.command.CommandErrors;
import org.elearn.command.restriction.ProcessingLimits;
import org.elearn.command.retention.MemberActivity;
import org.elearn.command.xapi.credentials.IngestionCredentials;
import org.elearn.command.xapi.protocol.XapiProperties;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a batch of validated statements in one transaction, all or nothing: the actors resolved,
 * their data keys made ready, the ids claimed, and one {@link StatementRecorded} event per new
 * statement appended through {@link PlainEvents}, followed by one {@code StatementVoided} per
 * statement the batch voids ({@link StatementVoiding}). When this returns, PostgreSQL has committed them. Blocking: call it off the
 * event loop.
 */
@Service
class StatementIngestion {

    private final ActorResolver actors;
    private final StatementLedger ledger;
    private final StatementVoiding voiding;
    private final JdbcKeyVault keyVault;
    private final PlainEvents plainEvents;
    private final TransactionTemplate tx;
    private final ProcessingLimits limits;
    private final MemberActivity activity;
    private final StatementAttachments attachments;
    /** The command side's clock (tests move it forward): statements are stored at its time. */
    private final Clock clock;
    private final String accountHomePage;
    private final ActivityDefinitions definitions;

    StatementIngestion(ActorResolver actors, StatementLedger ledger, StatementVoiding voiding, JdbcKeyVault keyVault,
                       PlainEvents plainEvents, TransactionTemplate tx, ProcessingLimits limits, MemberActivity activity,
                       Clock clock, StatementAttachments attachments, ActivityDefinitions definitions,
                       XapiProperties xapi) {
        this.definitions = definitions;
        this.voiding = voiding;
        this.clock = clock;
        this.attachments = attachments;
        this.accountHomePage = xapi.accountHomePage();
        this.limits = limits;
        this.activity = activity;
        this.actors = actors;
        this.ledger = ledger;
        this.keyVault = keyVault;
        this.plainEvents = plainEvents;
        this.tx = tx;
    }

    /** Answers the statements' ids, in order, whether new or already stored. */
    List<UUID> ingest(IngestionCredentials.Credential credential, List<Statement> statements, String userAgent) {
        return ingest(credential, statements, userAgent, List.of());
    }

    /** As above, with the attachment parts of a multipart request, stored with the new statements. */
    List<UUID> ingest(IngestionCredentials.Credential credential, List<Statement> statements, String userAgent,
                      List<MultipartStatements.Part> parts) {
        List<StatementAttachments.Held> held = StatementAttachments.match(statements, parts);
        UUID organization = credential.organizationId();
        UserAgents.Usage usage = UserAgents.parse(userAgent);
        tx.executeWithoutResult(status -> {
            Map<Statement, StatementFacts> facts = new IdentityHashMap<>();
            statements.forEach(s -> facts.put(s, StatementFacts.of(s.json())));
            // the agents queries find statements by, resolved in the same round trip as the actors
            Set<Agent> named = new LinkedHashSet<>(statements.stream().map(Statement::actor).toList());
            facts.values().forEach(f -> f.agents().forEach(named::add));
            Map<Agent, ActorResolver.Actor> resolved = actors.resolve(organization, named);
            refuseErased(statements, resolved);
            if (credential.refusesUnknownActors()
                    && statements.stream().anyMatch(s -> !resolved.get(s.actor()).member())) {
                throw CommandErrors.UNKNOWN_ACTOR.refusal(
                        "This credential accepts statements about the organization's members only; "
                                + "the batch names someone else. Nothing was stored.");
            }
            refuseDeactivated(statements, resolved);
            Map<Statement, ActorResolver.Actor> byStatement = new IdentityHashMap<>();
            statements.forEach(s -> byStatement.put(s, resolved.get(s.actor())));
            Map<Statement, UUID> subjects = new IdentityHashMap<>();
            byStatement.forEach((s, actor) -> subjects.put(s, actor.subjectId()));
            refuseRestricted(statements, subjects);
            keyVault.prepareKeysForWriting(subjects.values().stream().map(UUID::toString).distinct().toList());
            // PostgreSQL keeps microseconds and rounds what it is given: the event and the ledger row
            // must hold the same instant, so the LRS stores statements to the microsecond
            Instant stored = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Agent authority = authority(credential);
            UUID authoritySubject = actors.outsiderSubject(organization, authority);
            Map<Statement, StatementFacts.Indexed> indexed = new IdentityHashMap<>();
            statements.forEach(s -> indexed.put(s, facts.get(s).resolve(subjects.get(s), authoritySubject,
                    agent -> resolved.get(agent).subjectId())));
            // stamped and written once, into the event (sealed there); statement reads open it from the event
            Map<Statement, String> texts = new IdentityHashMap<>();
            for (Statement s : statements) {
                stamp(s, stored, authority);
                texts.put(s, s.json().toString());
            }
            List<Statement> fresh = ledger.claim(organization, statements, byStatement,
                    new StatementLedger.Stored(stored, credential.key(), indexed));
            attachments.store(organization, fresh, subjects, held);
            definitions.note(credential, fresh, subjects);
            List<EventMessage<?>> events = new ArrayList<>(fresh.size());
            for (Statement s : fresh) {
                ActorResolver.Actor actor = resolved.get(s.actor());
                StatementRecorded event = new StatementRecorded(s.id(), organization, actor.subjectId(), actor.member(),
                        s.verbId(), s.objectId(), s.courseId(), s.lessonId(), s.durationMillis(), s.score(),
                        s.success(), s.timestamp() == null ? stored : s.timestamp(), stored, texts.get(s),
                        s.response(), usage.device(), usage.client());
                events.add(PlainEvents.statementRecorded(event, credential.key()));
            }
            events.addAll(voiding.apply(organization, statements, fresh, stored, credential.key()));
            plainEvents.append(events);
            active(fresh, resolved, stored);
        });
        return statements.stream().map(Statement::id).toList();
    }

    /** The agent the LRS names as a statement's authority: the credential, as an account of the home page. */
    Agent authority(IngestionCredentials.Credential credential) {
        return new Agent("account", credential.key(), accountHomePage);
    }

    /**
     * What the LRS sets on store: {@code stored}, {@code authority} (the credential; a client's is
     * replaced) and {@code version} (1.0.0 unless the statement gives one).
     */
    private static void stamp(Statement s, Instant stored, Agent authority) {
        s.json().put("stored", stored.toString());
        ObjectNode agent = s.json().putObject("authority");
        agent.put("objectType", "Agent");
        agent.putObject("account").put("homePage", authority.homePage()).put("name", authority.value());
        if (!s.json().path("version").isTextual()) {
            s.json().put("version", "1.0.0");
        }
    }

    /**
     * Notes when members were last active, for the retention rules: one statement per batch, members
     * in id order so that concurrent batches lock rows in the same order.
     */
    private void active(List<Statement> fresh, Map<Agent, ActorResolver.Actor> resolved, Instant stored) {
        UUID[] members = fresh.stream().map(s -> resolved.get(s.actor())).filter(ActorResolver.Actor::member)
                .map(ActorResolver.Actor::subjectId).distinct().sorted().toArray(UUID[]::new);
        if (members.length > 0) {
            activity.noteActivity(members, stored);
        }
    }

    /**
     * A user whose processing is restricted has their data kept, not processed: a batch naming them
     * is refused whole (403), with the index of the first such statement.
     */
    private void refuseRestricted(List<Statement> statements, Map<Statement, UUID> subjects) {
        Set<UUID> restricted = limits.restrictedAmong(new HashSet<>(subjects.values()));
        if (!restricted.isEmpty()) {
            refuseFirst(statements, s -> restricted.contains(subjects.get(s)),
                    CommandErrors.PROCESSING_RESTRICTED, "is about a user whose processing is restricted; their activity is not"
                            + " accepted until the restriction is lifted");
        }
    }

    /**
     * After a person's erasure, collection about them stops: a batch naming them by an identifier of
     * theirs that is a tombstone is refused whole (410, as when the subject itself was erased), with
     * the index of the first such statement.
     */
    private static void refuseErased(List<Statement> statements, Map<Agent, ActorResolver.Actor> resolved) {
        refuseFirst(statements, s -> resolved.get(s.actor()).erased(), CommandErrors.SUBJECT_ERASED,
                "is about a person whose personal data was erased; statements about them are not accepted");
    }

    /**
     * A deactivated member takes no part in the organization's activity: a batch naming one is
     * refused whole (xAPI batches are atomic; 403), with the index of the first such statement.
     */
    private static void refuseDeactivated(List<Statement> statements, Map<Agent, ActorResolver.Actor> resolved) {
        refuseFirst(statements, s -> resolved.get(s.actor()).deactivated(),
                CommandErrors.MEMBER_DEACTIVATED, "is about a member whose organization deactivated them; their activity is"
                        + " not accepted until they are reactivated");
    }

    /** Refuses the whole batch at the first statement that is refused, naming its index. */
    private static void refuseFirst(List<Statement> statements, Predicate<Statement> refused,
                                    CommandErrors error, String reason) {
        for (int i = 0; i < statements.size(); i++) {
            if (refused.test(statements.get(i))) {
                throw error.refusal("Statement " + i + " " + reason + ". Nothing was stored.",
                        Map.of("statement", i));
            }
        }
    }
}
