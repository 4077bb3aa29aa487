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
public class ProcessingLimits {

    private final AccountStore accounts;
    private final JdbcTemplate jdbc;
    private final EventGateway events;
    private final TransactionTemplate tx;
    private final RightsRequests requests;
    private final Clock clock;

    ProcessingLimits(AccountStore accounts, JdbcTemplate jdbc, EventGateway events, TransactionTemplate tx,
                     RightsRequests requests, Clock clock) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.events = events;
        this.tx = tx;
        this.requests = requests;
        this.clock = clock;
    }

    /** A limit a user may place on the processing of their data, and how it is kept. */
    enum Limit {
        RESTRICTION("processing_restriction", RightsRequestKind.RESTRICTION,
                "restrict the processing of", CommandErrors.ALREADY_RESTRICTED, "The processing of this user is already restricted.",
                ProcessingRestricted::new,
                "lift the restriction of", CommandErrors.NOT_RESTRICTED, "The processing of this user is not restricted.",
                ProcessingRestrictionLifted::new),
        OBJECTION("analytics_objection", RightsRequestKind.OBJECTION,
                "record an objection for", CommandErrors.ALREADY_OBJECTED, "This user already objects to analytics.",
                ObjectedToAnalytics::new,
                "withdraw the objection of", CommandErrors.NOT_OBJECTED, "This user has no objection to withdraw.",
                AnalyticsObjectionWithdrawn::new);

        /** Builds the event: subject, organization, who acted. */
        @FunctionalInterface
        interface Event {
            Object of(UUID subject, UUID organization, UUID by);
        }

        private final String table;
        private final RightsRequestKind request;
        private final String placeAction;
        private final CommandErrors placeRefusal;
        private final String placeDetail;
        private final Event placed;
        private final String liftAction;
        private final CommandErrors liftRefusal;
        private final String liftDetail;
        private final Event lifted;

        Limit(String table, RightsRequestKind request, String placeAction, CommandErrors placeRefusal, String placeDetail,
              Event placed, String liftAction, CommandErrors liftRefusal, String liftDetail, Event lifted) {
            this.table = table;
            this.request = request;
            this.placeAction = placeAction;
            this.placeRefusal = placeRefusal;
            this.placeDetail = placeDetail;
            this.placed = placed;
            this.liftAction = liftAction;
            this.liftRefusal = liftRefusal;
            this.liftDetail = liftDetail;
            this.lifted = lifted;
        }
    }

    /** Places the limit: the row, the event and the rights request, in one transaction; 409 if in place. */
    void place(Limit limit, UUID userId, SubjectAccess.Requester requester) {
        AccountStore.AccountStatus account = account(userId, requester, limit.placeAction);
        change("INSERT INTO " + limit.table + " (subject_id, organization_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                account, limit.placeRefusal, limit.placeDetail,
                limit.placed.of(userId, account.organizationId(), UUID.fromString(requester.userId())),
                limit.request, requester);
    }

    /** Lifts the limit: the row and the event in one transaction; 409 if it is not in place. */
    void lift(Limit limit, UUID userId, SubjectAccess.Requester requester) {
        AccountStore.AccountStatus account = account(userId, requester, limit.liftAction);
        change("DELETE FROM " + limit.table + " WHERE subject_id = ? AND organization_id IS NOT DISTINCT FROM ?",
                account, limit.liftRefusal, limit.liftDetail,
                limit.lifted.of(userId, account.organizationId(), UUID.fromString(requester.userId())),
                null, requester);
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
    private void change(String sql, AccountStore.AccountStatus account, CommandErrors refusal, String detail, Object event,
                        RightsRequestKind request, SubjectAccess.Requester requester) {
        tx.executeWithoutResult(status -> {
            if (jdbc.update(sql, account.userId(), account.organizationId()) != 1) {
                throw refusal.refusal(detail);
            }
            events.publish(event);
            if (request != null) {
                requests.recordCarriedOut(account.userId(), account.organizationId(), request, clock.instant(),
                        requester.userId());
            }
        });
    }
}
