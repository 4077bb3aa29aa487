package org.elearn.query.projection;

import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The base of every projection of the query side (ArchUnit checks that every processing group of
 * the query side extends it). It carries the four rules each one must keep, so that a new projection
 * takes them on instead of copying them from another:
 * <ol>
 * <li><b>Erasable.</b> It is an {@link ErasableProjection} and {@link #erase(UUID)} is abstract: each
 *     projection says what an erasure does to its rows (deletes, unlinks or marks them; one that holds
 *     nothing about a person says so in its own words). The erasure processor calls every one.
 * <li><b>No row for a fenced subject.</b> An erased subject's id stays in the erasure fence
 *     ({@code data_subject_erasure}) for good, and no replay, redelivery or event still in flight may
 *     bring a row about them back. Every statement that creates such a row carries {@link #notFenced}
 *     in its own {@code WHERE}, so that no erasure can commit between a look-up and the write. The
 *     one rule no compiler sees: each projection's handler test applies events of a fenced subject.
 * <li><b>Ordered by data subject.</b> The class is annotated with {@link ProcessingGroup}, which is
 *     checked here when it is created: every processing group so named gets the shared processor
 *     settings in code ({@code ProcessorDefaults}), among them the data-subject sequencing policy, so
 *     that all events about one subject reach one segment in order, the erasure after them. Rows about
 *     a person are keyed by the subject their events name.
 * <li><b>Rebuildable.</b> It names its {@link #tables()}, which the {@link ResetHandler} here empties,
 *     so that resetting the processor's tokens replays the history into empty tables. Every handler is
 *     idempotent (rows keep the global index they last applied, or their applied events), so a replay
 *     over rows already there, or a batch delivered twice, changes nothing twice. One that must be
 *     rebuilt while it keeps serving also offers a {@code RebuildableProjection}, as the learning
 *     report does.
 * </ol>
 *
 * <p>An abstract class rather than an interface with default methods: the reset handler and the
 * fence work on the projection's {@link JdbcTemplate} and tables, state that an interface cannot
 * hold, and the constructor is the one place that checks the processing group of every projection,
 * live or writing into a copy, as it is made. Axon finds the reset handler on this superclass.
 */
public abstract class Projection implements ErasableProjection {

    /** The table of the erasure fence: one row per erased data subject, its id as text. */
    static final String FENCE = "data_subject_erasure";

    protected final JdbcTemplate jdbc;
    private final List<String> tables;

    /**
     * @param tables every table the projection writes, in the order a reset empties them
     * @throws IllegalStateException if the class names no processing group
     */
    protected Projection(JdbcTemplate jdbc, List<String> tables) {
        if (!getClass().isAnnotationPresent(ProcessingGroup.class)) {
            throw new IllegalStateException(getClass().getName() + " names no @ProcessingGroup, so its processor "
                    + "would not be ordered by data subject");
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException(getClass().getName() + " names no table to reset");
        }
        this.jdbc = jdbc;
        this.tables = List.copyOf(tables);
    }

    /** The processing group, which ProcessorDefaults orders by data subject. */
    public final String processingGroup() {
        return getClass().getAnnotation(ProcessingGroup.class).value();
    }

    /** The tables this projection writes, in the order a reset empties them. */
    public final List<String> tables() {
        return tables;
    }

    /** Empties the tables before a replay from the start of the history. */
    @ResetHandler
    public final void reset() {
        tables.forEach(table -> jdbc.update("DELETE FROM " + table));
    }

    /**
     * SQL that holds unless the subject is fenced: {@code subject} is the SQL of their id as text, a
     * parameter ({@code "?"}, given the id's string) or a column. Public for the code a projection
     * writes through ({@code ReportBatch}).
     */
    public static String notFenced(String subject) {
        return "NOT " + fenced(subject);
    }

    /** SQL that holds if the subject is fenced (erased); see {@link #notFenced}. */
    public static String fenced(String subject) {
        return "EXISTS (SELECT 1 FROM " + FENCE + " WHERE subject_id = " + subject + ")";
    }

    /**
     * Sets {@code assignments} (SQL with {@code ?} for {@code values}) and the event's global index on
     * the row of {@code table} whose {@code keyColumn} is {@code key}, unless the row has applied this
     * event or a later one already: what makes an update idempotent.
     */
    protected final void updateIfNewer(String table, String keyColumn, String assignments, UUID key,
                                       TrackingToken token, Object... values) {
        Object[] args = new Object[values.length + 3];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = position(token);
        args[values.length + 1] = key;
        args[values.length + 2] = position(token);
        jdbc.update("UPDATE " + table + " SET " + assignments + ", last_global_index = ? WHERE " + keyColumn
                + " = ? AND last_global_index < ?", args);
    }

    /** The global index of the event whose token this is. */
    protected static long position(TrackingToken token) {
        return token.position().orElseThrow();
    }
}
