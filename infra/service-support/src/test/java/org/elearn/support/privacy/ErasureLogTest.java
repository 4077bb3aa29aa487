package org.elearn.support.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErasureLogTest {

    @TempDir
    Path dir;

    @Test
    void everyRecordedErasureReadsBackOnceWithItsFirstTimeAndOrganization() {
        ErasureLog log = new ErasureLog(dir.resolve("secrets/erasure-log"));
        UUID member = UUID.randomUUID();
        UUID organization = UUID.randomUUID();
        UUID instructor = UUID.randomUUID();
        log.record(member, organization, Instant.ofEpochMilli(1_000));
        log.record(instructor, null, Instant.ofEpochMilli(2_000));
        log.record(member, organization, Instant.ofEpochMilli(3_000)); // carried out again after a restore

        assertThat(log.read()).containsOnlyKeys(member, instructor);
        assertThat(log.read().get(member)).isEqualTo(new ErasureLog.Entry(member, organization, Instant.ofEpochMilli(1_000)));
        assertThat(log.read().get(instructor).organizationId()).isNull();
        assertThat(List.copyOf(log.read().keySet())).containsExactly(member, instructor);
    }

    @Test
    void aLineCutShortByACrashIsSkippedAndTheRestRead() throws Exception {
        ErasureLog log = new ErasureLog(dir.resolve("erasure-log"));
        UUID first = UUID.randomUUID();
        log.record(first, null, Instant.now());
        Files.writeString(log.file(), "2026-12-07T02:18:21.123456Z " + UUID.randomUUID().toString().substring(0, 20),
                StandardCharsets.US_ASCII, StandardOpenOption.APPEND);

        assertThat(log.read()).containsOnlyKeys(first);
        assertThat(new ErasureLog(dir.resolve("absent")).read()).isEmpty();
    }

    @Test
    void anUnwritableLogFailsTheErasureOnlyWhereItWasConfigured() throws Exception {
        Path file = dir.resolve("erasure-log");
        Files.createDirectory(file); // a file that cannot be opened for appending
        assertThatThrownBy(() -> new ErasureLog(file, true).record(UUID.randomUUID(), null, Instant.now()))
                .isInstanceOf(java.io.UncheckedIOException.class);
        ErasureLog defaultPlace = new ErasureLog(file, false);
        defaultPlace.record(UUID.randomUUID(), null, Instant.now());
        defaultPlace.record(UUID.randomUUID(), null, Instant.now());
    }

    @Test
    void concurrentErasuresEachGetAWholeLine() throws Exception {
        ErasureLog log = new ErasureLog(dir.resolve("erasure-log"));
        ErasureLog sameFile = new ErasureLog(dir.resolve("erasure-log")); // a second instance in this JVM
        List<UUID> subjects = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            subjects.add(UUID.randomUUID());
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < subjects.size(); i++) {
                ErasureLog writer = i % 2 == 0 ? log : sameFile;
                UUID subject = subjects.get(i);
                done.add(threads.submit(() -> writer.record(subject, null, Instant.now())));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }

        assertThat(log.read().keySet()).containsExactlyInAnyOrderElementsOf(subjects);
        assertThat(Files.readAllLines(log.file())).hasSize(subjects.size());
    }
}
