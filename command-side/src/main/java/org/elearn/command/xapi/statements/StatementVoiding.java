package org.elearn.command.xapi.statements;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.elearn.command.CommandErrors;
import org.elearn.events.activity.StatementVoided;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * xAPI voiding (1.0.3 Data 2.3.2), in the ingestion's transaction, after the batch's ids are
 * claimed: a statement of the organization that is not itself a voiding statement, and that a
 * voiding statement of the organization names, is marked voided ({@code xapi_statement.voided_by})
 * and gets one {@link StatementVoided}, built from the figures its ledger row keeps.
 *
 * <ul>
 *   <li>A voiding statement that names a voiding statement refuses the batch (400
 *       {@code voiding-targets-voiding}); nothing is stored.</li>
 *   <li>A voiding statement that names no stored statement is stored all the same (the spec: the
 *       LRS should not refuse it for that); when the named statement comes later, it is voided on
 *       arrival.</li>
 *   <li>A statement already voided stays as it is: a later voiding statement is stored and changes
 *       nothing, and no second event is appended.</li>
 *   <li>A statement whose subject was erased is voided all the same: the ledger row and the event
 *       hold no personal data.</li>
 * </ul>
 *
 * <p>A target row is locked by its update, so two batches voiding the same statement at once append
 * one event. A statement and a voiding statement naming it can arrive in two batches at the same
 * moment, each inserted before the other commits; under READ COMMITTED neither would see the other,
 * and the statement would stay unvoided. So each batch takes an advisory lock of its organization's
 * voiding before it looks ({@link #VOIDING_LOCK}, held to the commit): shared when it voids nothing,
 * so plain batches never wait for each other; exclusive when it holds a voiding statement, so a
 * voiding batch looks only once the batches in flight have committed, and batches that come after it
 * look only once it has. The lock comes before the lookups, in a statement of its own, so that they
 * read after the wait (READ COMMITTED takes a snapshot per statement).
 */
@Component
class StatementVoiding {

    /**
     * The voiding verb as an SQL literal, written into the queries rather than bound: only then can
     * every plan of them, generic ones included, use the partial indexes on it (V21).
     */
    private static final String VERB = "'" + Statement.VOIDED + "'";

    /**
     * The voiding statements of an organization (parameter 1) whose objects are among the given
     * {@code urn:uuid:} ids (parameter 2): the object and the least voiding statement id of each.
     */
    static final String VOIDING_LOOKUP = "SELECT object_id, min(statement_id::text)::uuid FROM xapi_statement "
            + "WHERE organization_id = ? AND verb_id = " + VERB + " AND object_id = ANY (?) GROUP BY object_id";

    /**
     * The organization's voiding lock (parameter: the organization's id), a transaction-scoped
     * advisory lock: {@code %s} is {@code _shared} for a batch that voids nothing, empty for one that
     * holds a voiding statement. The key is apart from the data subjects' locks (another prefix).
     */
    static final String VOIDING_LOCK = "SELECT pg_advisory_xact_lock%s(hashtextextended('xapi-voiding:' || ?, 7))";

    private final JdbcTemplate jdbc;

    StatementVoiding(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Refuses a voiding statement that names a voiding statement, then voids what the batch's new
     * statements void or what voids them, and answers the events to append.
     *
     * @param statements the whole batch, to name a refused statement by its index
     * @param fresh the batch's statements that were new
     * @param stored when the batch is stored: when the voiding takes effect
     * @param credential the ingestion credential's key, for the events' metadata
     */
    List<EventMessage<StatementVoided>> apply(UUID organization, List<Statement> statements, List<Statement> fresh,
                                              Instant stored, String credential) {
        Set<UUID> candidates = new LinkedHashSet<>();
        Set<UUID> targets = new HashSet<>();
        for (Statement s : fresh) {
            if (s.voiding()) {
                targets.add(s.voidingTarget());
                candidates.add(s.voidingTarget());
            } else {
                candidates.add(s.id());
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        jdbc.query(VOIDING_LOCK.formatted(targets.isEmpty() ? "_shared" : ""), rs -> { }, organization.toString());
        refuseVoidingOfVoiding(organization, statements, targets);
        Map<UUID, UUID> voidedBy = voidingStatements(organization, candidates);
        if (voidedBy.isEmpty()) {
            return List.of();
        }
        List<EventMessage<StatementVoided>> events = new ArrayList<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    UPDATE xapi_statement t SET voided_by = v.voiding
                      FROM unnest(?::uuid[], ?::uuid[]) AS v (target, voiding)
                     WHERE t.organization_id = ? AND t.statement_id = v.target AND t.voided_by IS NULL
                       AND t.verb_id <> %s
                    RETURNING t.statement_id, t.subject_id, t.member, t.voided_by, t.verb_id, t.object_id,
                              t.course_id, t.lesson_id, t.duration_millis, t.score, t.success, t.occurred_at,
                              t.stored_at""".formatted(VERB));
            ps.setArray(1, con.createArrayOf("uuid", voidedBy.keySet().toArray(UUID[]::new)));
            ps.setArray(2, con.createArrayOf("uuid", voidedBy.values().toArray(UUID[]::new)));
            ps.setObject(3, organization);
            return ps;
        }, rs -> {
            StatementVoided voided = new StatementVoided(rs.getObject(1, UUID.class), organization,
                    rs.getObject(2, UUID.class), rs.getBoolean(3), rs.getObject(4, UUID.class), rs.getString(5),
                    rs.getString(6), rs.getObject(7, UUID.class), rs.getObject(8, UUID.class),
                    rs.getObject(9, Long.class), rs.getObject(10, Integer.class), rs.getObject(11, Boolean.class),
                    rs.getObject(12, Timestamp.class).toInstant(), instant(rs.getObject(13, Timestamp.class)), stored);
            events.add(PlainEvents.statementVoided(voided, credential));
        });
        return events;
    }

    /**
     * The candidates that a voiding statement of the organization names, each with the voiding
     * statement that voids it (the least id, when several do). Only the partial index of voiding
     * statements is read (V21), so a batch that voids nothing, and that nothing voids, costs one probe
     * of a small index instead of a look at each of its rows. The verb is written into the query, not
     * bound: PostgreSQL plans a prepared statement, after a few executions, once for any parameter,
     * and such a generic plan cannot use a partial index whose predicate names the verb; the earlier
     * query then read the whole table on every batch (docs/benchmarks.md, xAPI ingestion).
     */
    private Map<UUID, UUID> voidingStatements(UUID organization, Set<UUID> candidates) {
        Map<UUID, UUID> voidedBy = new LinkedHashMap<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement(VOIDING_LOOKUP);
            ps.setObject(1, organization);
            ps.setArray(2, con.createArrayOf("text",
                    candidates.stream().map(id -> Statement.STATEMENT_REF + id).toArray(String[]::new)));
            return ps;
        }, rs -> {
            voidedBy.put(UUID.fromString(rs.getString(1).substring(Statement.STATEMENT_REF.length())),
                    rs.getObject(2, UUID.class));
        });
        return voidedBy;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * A voiding statement cannot void a voiding statement (Data 2.3.2): the batch is refused, naming
     * the first voiding statement that does.
     */
    private void refuseVoidingOfVoiding(UUID organization, List<Statement> statements, Set<UUID> targets) {
        if (targets.isEmpty()) {
            return;
        }
        Set<UUID> voidingTargets = new HashSet<>(jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT statement_id FROM xapi_statement "
                    + "WHERE organization_id = ? AND statement_id = ANY (?) AND verb_id = " + VERB);
            ps.setObject(1, organization);
            ps.setArray(2, con.createArrayOf("uuid", targets.toArray(UUID[]::new)));
            return ps;
        }, (rs, n) -> rs.getObject(1, UUID.class)));
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            if (s.voiding() && voidingTargets.contains(s.voidingTarget())) {
                throw CommandErrors.VOIDING_TARGETS_VOIDING.refusal("Statement " + i + " voids statement "
                        + s.voidingTarget() + ", which is itself a voiding statement; a voiding statement cannot be"
                        + " voided. Nothing was stored.", Map.of("statement", i, "target", s.voidingTarget().toString()));
            }
        }
    }
}
