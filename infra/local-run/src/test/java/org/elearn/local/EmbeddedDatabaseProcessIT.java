package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run and its embedded PostgreSQL's process, in JVMs of their own as {@code java -jar}
 * runs them: a killed database ends the run with a message and code 3 instead of leaving it up and
 * useless; a server left running by a killed run is never reused unnoticed, and is stopped only
 * when the run is told to.
 */
class EmbeddedDatabaseProcessIT {

    private static final Duration START = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path home;

    @TempDir
    Path scratch;

    /** A test that failed half-way must not leave an orphaned PostgreSQL running. */
    @AfterEach
    void stopLeftoverPostgres() throws Exception {
        LocalRunProcess.stopLeftoverPostgres(home);
    }

    @Test
    void exitsWithCode3WhenTheEmbeddedDatabaseIsKilled() throws Exception {
        Map<String, String> env = freePorts();
        try (LocalRunProcess run = LocalRunProcess.start(home, scratch.resolve("run.log"), env)) {
            awaitReady(run);
            assertThat(liveness(env)).isEqualTo(200);
            long postmaster = run.postmaster();

            ProcessHandle.of(postmaster).orElseThrow().destroyForcibly(); // kill -9

            // noticed within a second, and the services' stop is cut short (about a minute otherwise)
            LocalRunProcess.Run ended = run.awaitExit(30);
            assertThat(ended.exitCode()).isEqualTo(LocalRun.DATABASE_DIED);
            assertThat(ended.output()).contains("local run stopped: the embedded PostgreSQL (pid " + postmaster
                    + ") stopped unexpectedly; the local run exits with code 3");
        }
    }

    @Test
    void refusesTheServerOfAKilledRunAndStopsItOnlyWhenTold() throws Exception {
        Map<String, String> env = freePorts();
        long orphan;
        try (LocalRunProcess killed = LocalRunProcess.start(home, scratch.resolve("killed.log"), env)) {
            awaitReady(killed);
            orphan = killed.postmaster();
            killed.process().destroyForcibly().waitFor(); // kill -9 of the launcher: its PostgreSQL runs on
            assertThat(Postmaster.running(orphan)).as("the orphaned PostgreSQL runs").isTrue();

            LocalRunProcess.Run refused = LocalRunProcess.run(home, scratch.resolve("refused.log"), env);

            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.output()).contains("local run not started: the embedded PostgreSQL of an earlier "
                            + "local run (pid " + orphan + ", port " + env.get("LEARNING_EMBEDDED_DB_PORT")
                            + ") is still running from " + home.resolve("pgdata"))
                    .contains("kill -INT " + orphan).contains("LEARNING_STOP_ORPHANED_DATABASE=true")
                    .doesNotContain("Flyway");
            assertThat(Postmaster.running(orphan)).as("the orphaned PostgreSQL, left alone").isTrue();

            env.put(DataDirectoryClaim.STOP_ORPHAN, "true");
            try (LocalRunProcess told = LocalRunProcess.start(home, scratch.resolve("told.log"), env)) {
                awaitReady(told);
                assertThat(told.output()).contains("(pid " + orphan + ", port " + env.get("LEARNING_EMBEDDED_DB_PORT")
                        + ") is still running from " + home.resolve("pgdata")
                        + ", left behind when that run was killed; stopping it");
                assertThat(Postmaster.running(orphan)).as("the orphaned PostgreSQL").isFalse();
                assertThat(told.postmaster()).isNotEqualTo(orphan);
                assertThat(liveness(env)).isEqualTo(200);
            }
        }
    }

    /** Told to stop an orphan, a run still leaves alone the database of a run that is alive. */
    @Test
    void refusesTheDataDirectoryOfALiveRunEvenWhenToldToStopOrphans() throws Exception {
        Path data = home.resolve("pgdata");
        Map<String, String> env = freePorts();
        try (DataDirectoryClaim live = DataDirectoryClaim.check(data, false)) {
            live.hold();
            int port = Integer.parseInt(env.get("LEARNING_EMBEDDED_DB_PORT"));
            String password = LocalDatabasePassword.ensure(home.resolve("secrets"));
            try (EmbeddedPostgres pg = LocalRun.startEmbedded(data, port, password)) {
                long server = Postmaster.pidFile(data).orElseThrow().pid();
                env.put(DataDirectoryClaim.STOP_ORPHAN, "true");

                try (LocalRunProcess run = LocalRunProcess.start(home, scratch.resolve("refused.log"), env)) {
                    LocalRunProcess.Run refused = run.awaitExit(60);

                    assertThat(refused.exitCode()).isEqualTo(2);
                    assertThat(refused.output()).contains("local run not started: another local run (pid "
                            + ProcessHandle.current().pid() + ") is using " + data);
                    assertThat(Postmaster.running(server)).as("the live run's PostgreSQL").isTrue();
                }
            }
        }
    }

    private static void awaitReady(LocalRunProcess run) {
        await().atMost(START).until(() -> !run.process().isAlive() || run.output().contains("local run ready"));
        assertThat(run.output()).contains("local run ready");
    }

    private static int liveness(Map<String, String> env) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + env.get("COMMAND_SIDE_PORT")
                + "/actuator/health/liveness")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Map<String, String> freePorts() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String variable : new String[] {"LEARNING_EMBEDDED_DB_PORT", "COMMAND_SIDE_PORT", "QUERY_SIDE_PORT"}) {
            try (ServerSocket socket = new ServerSocket(0)) {
                env.put(variable, Integer.toString(socket.getLocalPort()));
            }
        }
        return env;
    }
}
