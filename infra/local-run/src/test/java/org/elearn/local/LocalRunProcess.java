package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code LocalRun}'s main in a JVM of its own, as {@code java -jar learning-local.jar} runs it, with
 * only the given LEARNING_ and port variables. Closing a run that still runs kills its JVM and the
 * embedded PostgreSQL left running from its home.
 */
final class LocalRunProcess implements AutoCloseable {

    /** How a run that stopped by itself ended. */
    record Run(int exitCode, String output) {
    }

    private final Process process;
    private final Path output;
    private final Path home;

    private LocalRunProcess(Process process, Path output, Path home) {
        this.process = process;
        this.output = output;
        this.home = home;
    }

    /**
     * The options of every JVM a test starts, as the test JVMs have them (see the parent POM): C1
     * only, since a test's run is mostly start-up, which C1 alone compiles for less CPU than C1 and C2
     * together; and bcrypt's least cost for new password hashes, since the tests make many.
     */
    static final List<String> TEST_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-Dlearning.login.password-hash-cost=4");

    static LocalRunProcess start(Path home, Path output, Map<String, String> settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(TEST_JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalRun.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("LEARNING_") || name.endsWith("_SIDE_PORT"));
        builder.environment().put("LEARNING_HOME", home.toString());
        builder.environment().putAll(settings);
        builder.redirectErrorStream(true).redirectOutput(output.toFile());
        return new LocalRunProcess(builder.start(), output, home);
    }

    /** Starts one and waits until it stops by itself, which a refused start does at once. */
    static Run run(Path home, Path output, Map<String, String> settings) throws Exception {
        try (LocalRunProcess run = start(home, output, settings)) {
            return run.awaitExit(60);
        }
    }

    Run awaitExit(int seconds) throws InterruptedException {
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("the local run stopped by itself").isTrue();
        return new Run(process.exitValue(), output());
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Process process() {
        return process;
    }

    /** The embedded PostgreSQL's server process, from its {@code postmaster.pid}. */
    long postmaster() throws IOException {
        return Postmaster.pidFile(home.resolve("pgdata")).orElseThrow().pid();
    }

    /** Kills the run if it still runs, and then the embedded PostgreSQL its death leaves behind. */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
            stopLeftoverPostgres(home);
        }
    }

    /** Stops the embedded PostgreSQL running from the home, if any: a killed run leaves it behind. */
    static void stopLeftoverPostgres(Path home) throws IOException, InterruptedException {
        Path data = home.resolve("pgdata");
        if (Files.isDirectory(data)) {
            var server = Postmaster.pidFile(data);
            if (server.isPresent() && Postmaster.running(server.get().pid())) {
                Postmaster.stopFast(server.get().pid(), java.time.Duration.ofSeconds(60));
            }
        }
    }
}
