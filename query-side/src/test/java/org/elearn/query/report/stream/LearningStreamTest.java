package org.elearn.query.report.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.elearn.query.report.query.ReportQuery;
import org.junit.jupiter.api.Test;

/**
 * What a learning-report stream sends of the feed's changed rows: only newer values while its
 * snapshot may overlap the feed, nothing remembered once settled, and removals only where the
 * client can hold the row. The database parts are covered over HTTP by {@code ReportStreamIT}.
 */
class LearningStreamTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID OTHER_ORG = UUID.randomUUID();

    private static ReportQuery everyone() {
        return new ReportQuery(ORG, null, null, null, null, null, null);
    }

    private static ReportQuery department(String department) {
        return new ReportQuery(ORG, department, null, null, null, null, null);
    }

    private static ReportFeed.Row row(UUID trainee, String department, long version, long readAt) {
        byte[] frame = ("id:" + version + "\n").getBytes(StandardCharsets.UTF_8);
        return new ReportFeed.Row(trainee, ORG, department, "active", OffsetDateTime.now(), version,
                new ReportFeed.Frames(frame, frame), null, readAt);
    }

    private static ReportFeed.Row hidden(UUID trainee, long version, long readAt) {
        return new ReportFeed.Row(trainee, ORG, null, null, null, version, null, null, readAt);
    }

    private static List<String> kinds(List<StreamMessage> messages) {
        return messages.stream().map(m -> m.type() + (m.version() == null ? "" : "@" + m.version())).toList();
    }

    @Test
    void whileTheSnapshotMayOverlapTheFeedOnlyNewerValuesGoOut() {
        LearningStream stream = new LearningStream(null, everyone());
        UUID a = UUID.randomUUID();
        long now = System.nanoTime();
        assertThat(kinds(stream.changed(List.of(row(a, "D", 5, now))))).containsExactly("row@5");
        // the same value again (a late notification), then an older one (a read from before): both skipped
        assertThat(stream.changed(List.of(row(a, "D", 5, now)))).isEmpty();
        assertThat(stream.changed(List.of(row(a, "D", 3, now)))).isEmpty();
        assertThat(kinds(stream.changed(List.of(row(a, "D", 9, now))))).containsExactly("row@9");
    }

    @Test
    void onceSettledTheStreamForgetsWhatItSent() {
        LearningStream stream = new LearningStream(null, everyone());
        UUID a = UUID.randomUUID();
        long snapshotSent = System.nanoTime();
        stream.snapshotSent(snapshotSent);
        long early = snapshotSent + LearningStream.SETTLE.toNanos() / 2;
        long late = snapshotSent + LearningStream.SETTLE.toNanos() + 1;
        assertThat(kinds(stream.changed(List.of(row(a, "D", 5, early))))).containsExactly("row@5");
        assertThat(stream.changed(List.of(row(a, "D", 5, early)))).as("a read soon after the snapshot").isEmpty();
        // a read that began SETTLE after the snapshot: sent, and from then on nothing is remembered
        assertThat(kinds(stream.changed(List.of(row(a, "D", 6, late))))).containsExactly("row@6");
        assertThat(kinds(stream.changed(List.of(row(a, "D", 6, late))))).as("nothing remembered").containsExactly("row@6");
    }

    @Test
    void settledUnfilteredStreamsSendTheBatchEncodedOnceForAll() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID erased = UUID.randomUUID();
        long now = System.nanoTime();
        byte[] removal = "event:removed\n".getBytes(StandardCharsets.UTF_8);
        java.util.Map<UUID, ReportFeed.Row> rows = new java.util.LinkedHashMap<>();
        rows.put(a, row(a, "D", 1, now));
        rows.put(erased, new ReportFeed.Row(erased, ORG, null, null, null, 2, null,
                new ReportFeed.Frames(removal, removal), now));
        rows.put(b, new ReportFeed.Row(b, OTHER_ORG, "D", "active", OffsetDateTime.now(), 3,
                new ReportFeed.Frames(new byte[] {'x'}, new byte[] {'x'}), null, now));
        ReportFeed.Batch batch = new ReportFeed.Batch(rows, false);

        LearningStream settled = new LearningStream(null, everyone());
        settled.snapshotSent(now - LearningStream.SETTLE.toNanos() - 1);
        settled.changed(List.of(row(UUID.randomUUID(), "D", 0, now))); // a read after SETTLE: settled
        List<StreamMessage> sent = settled.send(settled.intake(batch)).blockFirst();
        assertThat(kinds(sent)).containsExactly("rows");
        ReportFeed.Frames chunk = (ReportFeed.Frames) sent.get(0).data();
        assertThat(new String(chunk.sse(), StandardCharsets.UTF_8)).isEqualTo("id:1\nevent:removed\n");
        // a second stream gets the very same bytes, not a copy
        LearningStream other = new LearningStream(null, everyone());
        other.snapshotSent(now - LearningStream.SETTLE.toNanos() - 1);
        other.changed(List.of(row(UUID.randomUUID(), "D", 0, now)));
        assertThat(other.send(other.intake(batch)).blockFirst().get(0).data()).isSameAs(chunk);

        // a filtered stream picks its rows one by one; a batch of another organization is nothing to it
        LearningStream filtered = new LearningStream(null, department("D"));
        assertThat(kinds(filtered.send(filtered.intake(batch)).blockFirst())).containsExactly("row@1");
        assertThat(new LearningStream(null, new ReportQuery(UUID.randomUUID(), null, null, null,
                null, null, null)).intake(batch)).isNull();
    }

    @Test
    void aLargeBatchGoesOutInWritesOfBoundedSizeInOrder() {
        long now = System.nanoTime();
        byte[] frame = new byte[1000];
        java.util.Arrays.fill(frame, (byte) 'r');
        java.util.Map<UUID, ReportFeed.Row> rows = new java.util.LinkedHashMap<>();
        for (int version = 1; version <= 100; version++) { // 100 KB, so at least four writes
            UUID trainee = UUID.randomUUID();
            rows.put(trainee, new ReportFeed.Row(trainee, ORG, "D", "active", OffsetDateTime.now(), version,
                    new ReportFeed.Frames(frame, frame), null, now));
        }
        ReportFeed.Batch batch = new ReportFeed.Batch(rows, false);

        LearningStream settled = new LearningStream(null, everyone());
        settled.snapshotSent(now - LearningStream.SETTLE.toNanos() - 1);
        settled.changed(List.of(row(UUID.randomUUID(), "D", 0, now)));
        List<List<StreamMessage>> shared = settled.send(settled.intake(batch)).collectList().block();
        assertThat(shared).hasSizeGreaterThanOrEqualTo(4);
        int bytes = 0;
        for (List<StreamMessage> write : shared) {
            int size = ((ReportFeed.Frames) write.get(0).data()).sse().length;
            assertThat(size).isBetween(1, StreamFormat.WRITE_BYTES);
            bytes += size;
        }
        assertThat(bytes).isEqualTo(100 * 1000);
        // the pieces are shared by every unfiltered stream of the organization, not cut again
        assertThat(batch.chunks(ORG)).hasSize(shared.size());

        LearningStream filtered = new LearningStream(null, department("D"));
        List<List<StreamMessage>> own = filtered.send(filtered.intake(batch)).collectList().block();
        assertThat(own).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(write -> assertThat(write.stream().mapToInt(StreamFormat::size).sum())
                        .isLessThanOrEqualTo(StreamFormat.WRITE_BYTES));
        assertThat(own.stream().flatMap(List::stream).map(StreamMessage::version).toList())
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList());
    }

    @Test
    void aMessageLargerThanAWriteGoesAloneAndNothingIsLost() {
        List<Integer> sizes = List.of(10, StreamFormat.WRITE_BYTES + 5, 10, StreamFormat.WRITE_BYTES - 10, 10, 1);
        List<List<Integer>> pieces = StreamFormat.pieces(sizes, Integer::intValue);
        assertThat(pieces).containsExactly(List.of(10), List.of(StreamFormat.WRITE_BYTES + 5),
                List.of(10, StreamFormat.WRITE_BYTES - 10), List.of(10, 1));
        assertThat(StreamFormat.pieces(List.<Integer>of(), Integer::intValue)).isEmpty();
    }

    @Test
    void batchesThatCameWhileTheClientWasBusyMergeToTheLatestValueOfEachRow() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        long now = System.nanoTime();
        LearningStream stream = new LearningStream(null, everyone());
        LearningStream.Pending first = stream.intake(new ReportFeed.Batch(new java.util.LinkedHashMap<>(
                java.util.Map.of(a, row(a, "D", 1, now))), false));
        LearningStream.Pending second = stream.intake(new ReportFeed.Batch(new java.util.LinkedHashMap<>(
                java.util.Map.of(a, row(a, "D", 4, now), b, row(b, "D", 3, now))), false));
        LearningStream.Pending merged = stream.merge(first, second);
        assertThat(merged.only()).isNull();
        assertThat(kinds(stream.send(merged).blockFirst())).containsExactly("row@3", "row@4");
    }

    @Test
    void rowsOfABatchGoOutOldestFirstEvenWhenMergedOutOfOrder() {
        LearningStream stream = new LearningStream(null, everyone());
        long now = System.nanoTime();
        assertThat(kinds(stream.changed(List.of(row(UUID.randomUUID(), "D", 8, now),
                row(UUID.randomUUID(), "D", 2, now), row(UUID.randomUUID(), "D", 5, now)))))
                .containsExactly("row@2", "row@5", "row@8");
    }

    @Test
    void aFilteredStreamRemovesOnlyRowsItsClientHolds() {
        LearningStream stream = new LearningStream(null, department("Sales"));
        UUID seller = UUID.randomUUID();
        UUID engineer = UUID.randomUUID();
        long now = System.nanoTime();
        assertThat(kinds(stream.changed(List.of(row(seller, "Sales", 1, now), row(engineer, "Engineering", 2, now)))))
                .containsExactly("row@1");
        // the engineer was never shown: no removal; the seller moves department: removal
        assertThat(kinds(stream.changed(List.of(row(engineer, "Engineering", 3, now), row(seller, "Engineering", 4, now)))))
                .containsExactly("removed");
        assertThat(stream.changed(List.of(row(seller, "Engineering", 5, now)))).isEmpty();
        assertThat(kinds(stream.changed(List.of(hidden(seller, 6, now))))).isEmpty();
    }

    @Test
    void anUnfilteredStreamRemovesEveryRowThatLeftTheReport() {
        LearningStream stream = new LearningStream(null, everyone());
        UUID erased = UUID.randomUUID();
        long now = System.nanoTime();
        // its client may hold any row of the organization (from a snapshot or an earlier connection)
        List<StreamMessage> sent = stream.changed(List.of(hidden(erased, 7, now)));
        assertThat(kinds(sent)).containsExactly("removed");
        assertThat(sent.get(0).data()).isEqualTo(java.util.Map.of("traineeId", erased));
    }

    @Test
    void rowsOfAnotherOrganizationOrTraineeDoNotConcernTheStream() {
        UUID me = UUID.randomUUID();
        LearningStream mine = new LearningStream(null, new ReportQuery(ORG, null, null, null, null,
                null, me));
        long now = System.nanoTime();
        assertThat(mine.concerns(row(me, "D", 1, now))).isTrue();
        assertThat(mine.concerns(row(UUID.randomUUID(), "D", 1, now))).isFalse();
        assertThat(new LearningStream(null, everyone()).concerns(new ReportFeed.Row(me, OTHER_ORG, "D", "active",
                OffsetDateTime.now(), 1, null, null, now))).isFalse();
    }
}
