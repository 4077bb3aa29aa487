package org.elearn.query.report.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.elearn.query.report.projection.ReportChanges;
import org.junit.jupiter.api.Test;

/** What the report feed reads at once: bounded, oldest change first, nothing lost on a failed read. */
class PendingRowsTest {

    private static final UUID ORG = UUID.randomUUID();

    private final PendingRows pending = new PendingRows();
    private final List<UUID> trainees = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();

    private void changed(UUID trainee) {
        pending.changed(new ReportChanges.Change(ORG, trainee));
    }

    @Test
    void aReadTakesAtMostItsShareOldestChangeFirst() {
        trainees.forEach(this::changed);
        changed(trainees.get(0)); // changed again while pending: keeps its place, read once

        PendingRows.Taken first = pending.take(2);
        assertThat(first.organizations()).containsOnlyKeys(trainees.get(0), trainees.get(1)).containsValue(ORG);
        assertThat(first.resync()).isFalse();
        assertThat(pending.size()).isEqualTo(3);

        changed(trainees.get(0)); // changed again after it was taken: read again, behind the others
        assertThat(pending.take(3).organizations()).containsOnlyKeys(trainees.get(2), trainees.get(3),
                trainees.get(4));
        assertThat(pending.take(3).organizations()).containsOnlyKeys(trainees.get(0));
        assertThat(pending.take(3)).isNull();
    }

    @Test
    void aFailedReadPutsItsRowsAndItsResyncBack() {
        trainees.forEach(this::changed);
        pending.changed(new ReportChanges.Change(null, null));
        PendingRows.Taken failed = pending.take(4);
        assertThat(failed.resync()).isTrue();
        assertThat(pending.take(0).resync()).isFalse();

        pending.putBack(failed);
        assertThat(pending.size()).isEqualTo(5);
        PendingRows.Taken again = pending.take(10);
        assertThat(again.resync()).isTrue();
        assertThat(again.organizations()).containsOnlyKeys(trainees);
    }

    @Test
    void aResyncAloneIsRead() {
        assertThat(pending.take(10)).isNull();
        pending.changed(new ReportChanges.Change(null, null));
        PendingRows.Taken resync = pending.take(10);
        assertThat(resync.organizations()).isEmpty();
        assertThat(resync.resync()).isTrue();
    }
}
