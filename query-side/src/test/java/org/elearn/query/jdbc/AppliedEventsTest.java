package org.elearn.query.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class AppliedEventsTest {

    private static TrackingToken token(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Set.of(gaps));
    }

    @Test
    void anEventAtOrBelowTheAppliedIndexIsARedelivery() {
        AppliedEvents applied = AppliedEvents.at(token(10));
        assertThat(applied.covers(OptionalLong.of(10))).isTrue();
        assertThat(applied.covers(OptionalLong.of(7))).isTrue();
        assertThat(applied.covers(OptionalLong.of(11))).isFalse();
    }

    @Test
    void anEventFillingAGapLateStillCountsOnce() {
        // applied 10 while 8 was still in flight; 8 commits later and arrives with the token Axon
        // gives a gap fill: the stream's progress (index 10, gap 8 gone), not a token at 8
        GapAwareTrackingToken before = (GapAwareTrackingToken) token(10, 8L);
        AppliedEvents applied = AppliedEvents.at(before);
        TrackingToken late = before.advanceTo(8, 10_000);
        assertThat(late.position()).hasValue(10);
        assertThat(applied.covers(OptionalLong.of(8))).isFalse();
        AppliedEvents after = applied.and(AppliedEvents.at(late));
        assertThat(after.covers(OptionalLong.of(8))).isTrue();
        assertThat(after.covers(OptionalLong.of(10))).isTrue();
        assertThat(after.gaps()).isEmpty();
    }

    @Test
    void rowsOfOneSubjectCombineToWhatEitherApplied() {
        AppliedEvents older = AppliedEvents.at(token(5, 3L));
        AppliedEvents newer = AppliedEvents.at(token(9, 3L, 7L));
        AppliedEvents both = older.and(newer);
        assertThat(both.index()).isEqualTo(9);
        assertThat(both.gaps()).containsExactly(3L, 7L);
        assertThat(older.and(AppliedEvents.at(token(9, 7L))).gaps()).containsExactly(7L);
    }

    @Test
    void aReplayTokenIsReadThroughAndNothingCoversEverything() {
        TrackingToken replay = ReplayToken.createReplayToken(token(100), token(40, 38L));
        assertThat(AppliedEvents.at(replay)).isEqualTo(new AppliedEvents(40, new java.util.TreeSet<>(Set.of(38L))));
        assertThat(AppliedEvents.NONE.covers(OptionalLong.of(0))).isFalse();
        assertThat(AppliedEvents.at(token(5)).covers(OptionalLong.empty())).isFalse();
    }
}
