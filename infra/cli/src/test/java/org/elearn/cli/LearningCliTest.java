package org.elearn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LearningCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private boolean databaseOpened;

    private final LearningCli.Launcher launcher = new LearningCli.Launcher() {
        @Override
        public Path secrets() {
            return Path.of("target", "no-secrets");
        }

        @Override
        public LearningCli.Database openDatabase() {
            databaseOpened = true;
            throw new IllegalStateException("no database in a parsing test");
        }
    };

    private int run(String... args) {
        return LearningCli.execute(launcher, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpListsEverySubCommandAndExitsZero() {
        assertThat(run("help")).isZero();
        assertThat(out.toString()).contains("rotate-kek", "verify-history", "rebuild");
        assertThat(run("--help")).isZero();
    }

    @Test
    void helpOfOneSubCommandDescribesIt() {
        assertThat(run("help", "verify-history")).isZero();
        assertThat(out.toString()).contains("verify-history", "sealed event history");
        assertThat(databaseOpened).isFalse();
    }

    @Test
    void anUnknownSubCommandIsRefusedWithAClearMessageAndUsageExitCode() {
        assertThat(run("bench-xapi")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument", "bench-xapi", "rotate-kek", "verify-history", "rebuild",
                "check-keys");
        assertThat(databaseOpened).isFalse();
    }

    @Test
    void anUnknownOptionIsRefusedBeforeAnythingOpens() {
        assertThat(run("rotate-kek", "--force")).isEqualTo(2);
        assertThat(err.toString()).contains("--force");
        assertThat(databaseOpened).isFalse();
    }

    @Test
    void rebuildWithoutAProjectionPrintsItsUsage() {
        assertThat(run("rebuild")).isEqualTo(2);
        assertThat(databaseOpened).isFalse();
    }
}
