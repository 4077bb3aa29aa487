package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A course run the way packaged content runs it: {@code src/test/xapi-client/course.mjs} drives the
 * LRS through the maintained {@code @xapi/xapi} client library (from npm, pinned by its lock file)
 * under Node.js. It checks About, launches, keeps and merges a resume point in the State resource,
 * reports activity, reads it back following {@code more} links, voids a statement and sends an
 * attachment that it reads back. {@code .ci/run} installs Node.js; elsewhere the test is skipped
 * when {@code node} and {@code npm} are missing.
 */
@ExtendWith(SharedServices.class)
class XapiClientIT {

    private static final Path SOURCES = Path.of("src", "test", "xapi-client");
    private static final Path WORK = Path.of("target", "xapi-client");
    private static final List<String> STEPS = List.of("about", "launch", "resume point", "activity",
            "read back with more", "void a mistake", "attachment");

    private static LocalApi api;

    @BeforeAll
    static void start(LocalApi shared) {
        api = shared;
    }

    @Test
    void aCourseUsesTheLrsThroughAMaintainedClientLibrary() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/node")) && Files.isExecutable(Path.of("/usr/bin/npm"));
        assumeTrue(installed || System.getenv("CI") != null, "Node.js and npm are not installed");
        installClient();
        LocalApi.TrainingOrganization acme = api.organizationWithTrainees(api.operator(), "Acme Content", "Alice",
                "acme.example", List.of(new LocalApi.Trainee("Tia", "tia", "Sales")));
        String endpoint = "http://localhost:" + api.services().commandSidePort() + "/xapi/";

        Run run = run(List.of("node", "course.mjs", endpoint, acme.credential().key(), acme.credential().secret(),
                "mailto:" + acme.email("tia")), 180);

        assertThat(run.output()).as("the course's steps").doesNotContain("FAILED");
        STEPS.forEach(step -> assertThat(run.output()).contains("ok " + step + ":"));
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    /** The library as the lock file pins it, installed once per build directory. */
    private static void installClient() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "course.mjs")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules").resolve("@xapi"))) {
            Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            assertThat(install.exitCode()).as(install.output()).isZero();
        }
    }

    private record Run(int exitCode, String output) {
    }

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
