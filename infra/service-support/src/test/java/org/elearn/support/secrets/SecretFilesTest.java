package org.elearn.support.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path dir;

    @Test
    void aSecretIsMadeOnceOwnerOnlyAndReadBack() throws Exception {
        String made = SecretFiles.readOrCreate(dir, "jwt.key", () -> "first");
        String again = SecretFiles.readOrCreate(dir, "jwt.key", () -> "second");

        assertThat(made).isEqualTo("first");
        assertThat(again).isEqualTo("first");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt.key")))).isEqualTo("rw-------");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("jwt.key");
        }
    }

    /**
     * Instances starting at once on one volume: every one of them gets the same, whole secret. A
     * secret written in place (create, then write) let a reader see an empty or partial file.
     */
    @Test
    void instancesStartingAtOnceAgreeOnOneWholeSecret() throws Exception {
        String longSecret = "x".repeat(64 * 1024);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 40; round++) {
                Path roundDir = dir.resolve("round-" + round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> answers = new ArrayList<>();
                for (int instance = 0; instance < 8; instance++) {
                    String secret = instance + longSecret;
                    Callable<String> starting = () -> {
                        start.await();
                        return SecretFiles.readOrCreate(roundDir, "hmac.key", () -> secret);
                    };
                    answers.add(pool.submit(starting));
                }
                start.countDown();
                Set<String> seen = answers.stream().map(SecretFilesTest::get).collect(Collectors.toSet());
                assertThat(seen).hasSize(1);
                assertThat(seen.iterator().next()).hasSize(longSecret.length() + 1)
                        .isEqualTo(Files.readString(roundDir.resolve("hmac.key")));
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String get(Future<String> answer) {
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
