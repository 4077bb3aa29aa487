package org.elearn.command.restriction;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.elearn.command.CommandErrors;
import org.elearn.command.identity.AccountStore;
import org.elearn.command.privacy.SubjectAccess;
import org.elearn.command.rights.RightsRequestKind;
import org.elearn.command.rights.RightsRequests;
import org.elearn.events.processing.AnalyticsObjectionWithdrawn;
import org.elearn.events.processing.ObjectedToAnalytics;
import org.elearn.events.processing.ProcessingRestricted;
import org.elearn.events.processing.ProcessingRestrictionLifted;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Restriction of processing and objection to analytics. Each change is one transaction: the row
 * that the command side checks, and the event the query side follows. Restricting twice, or
 * lifting what is not in place, is refused (409) and changes nothing. Blocking.
 */
@Service
public record ProcessingLimits(AccountStore accounts, JdbcTemplate jdbc, EventGateway events, TransactionTemplate tx,
                               RightsRequests requests, Clock clock) {

    /**
     * A limit a user may place on the processing of their data, and how it is kept: the table that
     * holds it, the rights request that placing it answers, and the two changes.
     */
    record Limit(String table, RightsRequestKind request, Change place, Change lift) {

        static final Limit RESTRICTION = new Limit("processing_restriction", RightsRequestKind.RESTRICTION,
                new Change("restrict the processing of", CommandErrors.ALREADY_RESTRICTED,
                        "The processing of this user is already restricted.", ProcessingRestricted::new),
                new Change("lift the restriction of", CommandErrors.NOT_RESTRICTED,
                        "The processing of this user is not restricted.", ProcessingRestrictionLifted::new));
        static final Limit OBJECTION = new Limit("analytics_objection", RightsRequestKind.OBJECTION,
                new Change("record an objection for", CommandErrors.ALREADY_OBJECTED,
                        "This user already objects to analytics.", ObjectedToAnalytics::new),
                new Change("withdraw the objection of", CommandErrors.NOT_OBJECTED,
                        "This user has no objection to withdraw.", AnalyticsObjectionWithdrawn::new));
    }

    /**
     * Placing or lifting a limit: what the caller is refused to do when it is not theirs to do, the
     * refusal when there is nothing to change, and the event that records the change.
     */
    record Change(String action, CommandErrors refusal, String detail, Event event) {
    }

    /** Builds a change's event: subject, organization, who acted. */
    @FunctionalInterface
    interface Event {
        Object of(UUID subject, UUID organization, UUID by);
    }

    /** Places the limit: the row, the event and the rights request, in one transaction; 409 if in place. */
    void place(Limit limit, UUID userId, SubjectAccess.Requester requester) {
        change("INSERT INTO " + limit.table + " (subject_id, organization_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                limit.place, userId, limit.request, requester);
    }

    /** Lifts the limit: the row and the event in one transaction; 409 if it is not in place. */
    void lift(Limit limit, UUID userId, SubjectAccess.Requester requester) {
        change("DELETE FROM " + limit.table + " WHERE subject_id = ? AND organization_id IS NOT DISTINCT FROM ?",
                limit.lift, userId, null, requester);
    }

    /** The restricted ones among these subjects (one query); used to refuse their new activity. */
    public Set<UUID> restrictedAmong(Collection<UUID> subjects) {
        if (subjects.isEmpty()) {
            return Set.of();
        }
        List<UUID> restricted = jdbc.queryForList("SELECT subject_id FROM processing_restriction"
                + " WHERE subject_id = ANY (?)", UUID.class, (Object) subjects.toArray(new UUID[0]));
        return Set.copyOf(restricted);
    }

    /** Whether a subject's processing is restricted and whether they object to analytics. */
    public record InPlace(boolean restricted, boolean objected) {
    }

    /** The limits this subject has in place now (one query over the rows the command side checks). */
    public InPlace inPlace(UUID subject) {
        return jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + Limit.RESTRICTION.table + " WHERE subject_id = ?),"
                        + " EXISTS (SELECT 1 FROM " + Limit.OBJECTION.table + " WHERE subject_id = ?)",
                (rs, row) -> new InPlace(rs.getBoolean(1), rs.getBoolean(2)), subject, subject);
    }

    private AccountStore.AccountStatus account(UUID userId, SubjectAccess.Requester requester, String action) {
        AccountStore.AccountStatus account = accounts.status(userId).orElseThrow(SubjectAccess::unknownUser);
        SubjectAccess.authorize(account, requester, action);
        if (account.erased()) {
            throw CommandErrors.USER_ERASED.refusal("This user has been erased.");
        }
        return account;
    }

    /** One transaction: the row, the event, and (for a request, not a lift) the rights-request record. */
    private void change(String sql, Change change, UUID userId, RightsRequestKind request,
                        SubjectAccess.Requester requester) {
        AccountStore.AccountStatus account = account(userId, requester, change.action());
        Object event = change.event().of(userId, account.organizationId(), UUID.fromString(requester.userId()));
        tx.executeWithoutResult(status -> {
            if (jdbc.update(sql, account.userId(), account.organizationId()) != 1) {
                throw change.refusal().refusal(change.detail());
            }
            events.publish(event);
            if (request != null) {
                requests.recordCarriedOut(account.userId(), account.organizationId(), request, clock.instant(),
                        requester.userId());
            }
        });
    }
}
