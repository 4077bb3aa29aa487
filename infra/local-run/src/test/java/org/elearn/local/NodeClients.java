package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The xAPI client libraries of {@code src/test/xapi-client}, installed from npm as its lock file pins
 * them, and the Node.js scripts there that run a course through them ({@link XapiClientIT},
 * {@link TinCanClientIT}). {@code .ci/run} installs Node.js and npm; elsewhere the tests are skipped
 * when they are missing.
 */
final class NodeClients {

    private static final Path SOURCES = Path.of("src", "test", "xapi-client");
    private static final Path WORK = Path.of("target", "xapi-client");
    /** The lock file the installed {@code node_modules} came from; {@code npm ci} removes it with them. */
    private static final Path INSTALLED_FROM = WORK.resolve("node_modules").resolve(".installed-from.json");

    private NodeClients() {
    }

    /**
     * Runs a course script as Tia, a trainee of a new organization of its own, with the organization's
     * ingestion credential: {@code node <script> <endpoint> <key> <secret> <mailto>}. The script prints
     * {@code ok <step>:} per step and {@code FAILED} at the first that fails; every step must pass.
     */
    static void runCourse(LocalApi api, String script, String organization, String domain, List<String> steps)
            throws IOException, InterruptedException {
        install();
        LocalApi.TrainingOrganization org = api.organizationWithTrainees(api.operator(), organization, "Alice",
                domain, List.of(new LocalApi.Trainee("Tia", "tia", "Sales")));
        String endpoint = "http://localhost:" + api.services().commandSidePort() + "/xapi/";

        Run run = run(List.of("node", script, endpoint, org.credential().key(), org.credential().secret(),
                "mailto:" + org.email("tia")), 180);

        assertThat(run.output()).as("the course's steps").doesNotContain("FAILED");
        steps.forEach(step -> assertThat(run.output()).as(run.output()).contains("ok " + step + ":"));
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    /** Whether Node.js and npm can run here; CI installs them, so there they must. */
    static boolean available() {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/node")) && Files.isExecutable(Path.of("/usr/bin/npm"));
        return installed || System.getenv("CI") != null;
    }

    /**
     * The scripts and the libraries as the lock file pins them, installed again when the lock changed.
     * The test JVMs of a parallel run (failsafe's forks) take turns through a file lock, so one
     * {@code npm ci} runs at a time; a script is copied only when it changed, so a course another JVM
     * is running never sees its script replaced.
     */
    private static synchronized void install() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        try (FileChannel channel = FileChannel.open(WORK.resolveSibling("xapi-client.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock turn = channel.lock()) {
            try (Stream<Path> files = Files.list(SOURCES)) {
                for (Path file : files.toList()) {
                    Path copy = WORK.resolve(file.getFileName());
                    if (!Files.exists(copy) || Files.mismatch(file, copy) != -1) {
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            byte[] lock = Files.readAllBytes(WORK.resolve("package-lock.json"));
            if (!Files.exists(INSTALLED_FROM) || !Arrays.equals(lock, Files.readAllBytes(INSTALLED_FROM))) {
                Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
                assertThat(install.exitCode()).as(install.output()).isZero();
                Files.write(INSTALLED_FROM, lock);
            }
        }
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs a command in the scripts' directory, its output and errors together, killed after the timeout. */
    private static Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile(WORK.toAbsolutePath(), "run-", ".log");
        Process process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return new Run(exited ? process.exitValue() : -1, output);
    }
}
