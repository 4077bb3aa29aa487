package org.elearn.query.jdbc;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * Which events a counting projection row has applied, kept in the row ({@code applied_index},
 * {@code applied_gaps}) and written in the transaction that stores the processor's token: the
 * global index of the newest event applied, and the positions below it that the processor's stream
 * had not seen yet when it applied that event (the gaps of its gap-aware token: transactions still
 * in flight). An event is applied already if it is at or below the index and not one of the gaps.
 * So an event delivered again (a batch redelivered after a crash, overlapping batches, a rebuild
 * restarted from an older token) changes nothing twice, while an event that fills a gap late (a
 * transaction that committed after a later one) still counts.
 *
 * <p>This is meaningful because one stream writes each row: rows are keyed by data subject, every
 * event that changes them names that subject, and the data-subject sequencing policy sends all of
 * a subject's events to one segment, in the order the stream reads them. Positions of events of
 * different segments are never compared, as no row takes events from two segments.
 *
 * <p>An empty value ({@link #NONE}) covers nothing: rows made before the column existed, and
 * tokens without a position, apply every event as before.
 */
public record AppliedEvents(long index, SortedSet<Long> gaps) {

    /** Nothing applied yet. */
    public static final AppliedEvents NONE = new AppliedEvents(-1, Collections.emptySortedSet());

    /** What a row knows once the event with this token is applied to it. */
    public static AppliedEvents at(TrackingToken token) {
        if (token == null || token.position().isEmpty()) {
            return NONE;
        }
        long position = token.position().getAsLong();
        SortedSet<Long> gaps = WrappedToken.unwrap(token, GapAwareTrackingToken.class)
                .map(gapAware -> (SortedSet<Long>) new TreeSet<>(gapAware.getGaps().headSet(position)))
                .orElse(Collections.emptySortedSet());
        return new AppliedEvents(position, gaps);
    }

    /** Read from the row's two columns. */
    public static AppliedEvents of(long index, Array gaps) throws SQLException {
        Long[] values = gaps == null ? new Long[0] : (Long[]) gaps.getArray();
        return new AppliedEvents(index, new TreeSet<>(Arrays.asList(values)));
    }

    /**
     * Whether the event at this global index was applied already (a redelivery). The index is the
     * event's own ({@link EventPositions}), not its token's: an event filling a gap comes with the
     * token of the stream's progress, past it. Empty (no position) is never covered.
     */
    public boolean covers(OptionalLong position) {
        return position.isPresent() && coversPosition(position.getAsLong());
    }

    /** What is applied after this and the other: either's index, and only the gaps neither has applied. */
    public AppliedEvents and(AppliedEvents other) {
        SortedSet<Long> left = new TreeSet<>();
        gaps.stream().filter(gap -> !other.coversPosition(gap)).forEach(left::add);
        other.gaps.stream().filter(gap -> !coversPosition(gap)).forEach(left::add);
        return new AppliedEvents(Math.max(index, other.index), left);
    }

    private boolean coversPosition(long position) {
        return position <= index && !gaps.contains(position);
    }

    /** The gaps as a PostgreSQL array literal, for a {@code ?::text[]} column cast to {@code bigint[]}. */
    public String gapsLiteral() {
        return gaps.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
