package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The start command, run as {@code java -jar learning-local.jar} runs it (its own JVM, settings from
 * the environment), refuses while one of its ports is taken, and touches no database first.
 */
class LocalRunPortsIT {

    @TempDir
    Path home;

    @TempDir
    Path scratch;

    /** A run that started its embedded PostgreSQL anyway (a regression) must not leave it running. */
    @AfterEach
    void stopLeftoverPostgres() throws Exception {
        LocalRunProcess.stopLeftoverPostgres(home);
    }

    /** Told to stop an orphaned server of its own data directory, it still leaves another's server alone. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void refusesABusyDatabasePortWithoutTouchingTheDatabaseThere(boolean stopOrphan) throws Exception {
        // another local run's PostgreSQL answers on the port
        TestDatabases.TestDatabase other = TestDatabases.create();
        Map<String, String> env = freeWebPorts();
        env.put("LEARNING_EMBEDDED_DB_PORT", Integer.toString(other.port()));
        env.put(DataDirectoryClaim.STOP_ORPHAN, Boolean.toString(stopOrphan));

        LocalRunProcess.Run run = startLocalRun(env);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("local run not started: port " + other.port() + " (the embedded PostgreSQL)")
                .contains("set LEARNING_EMBEDDED_DB_PORT to a free port")
                .doesNotContain("Flyway");
        assertThat(home).isEmptyDirectory(); // no data directory, no keys
        try (Connection c = other.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = 'learning'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("databases the run created on the other server").isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMMAND_SIDE_PORT", "QUERY_SIDE_PORT"})
    void refusesABusyWebPortBeforeTheEmbeddedDatabaseStarts(String variable) throws Exception {
        Map<String, String> env = freeWebPorts();
        env.put("LEARNING_EMBEDDED_DB_PORT", Integer.toString(freePort()));
        try (ServerSocket taken = new ServerSocket(0)) {
            env.put(variable, Integer.toString(taken.getLocalPort()));

            LocalRunProcess.Run run = startLocalRun(env);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.output()).contains("port " + taken.getLocalPort() + " (the ")
                    .contains("set " + variable + " to a free port");
            assertThat(home).isEmptyDirectory();
        }
    }

    @Test
    void refusesABusyWebPortBeforeConnectingToAnExternalDatabase() throws Exception {
        try (ServerSocket database = new ServerSocket(0); ServerSocket taken = new ServerSocket(0)) {
            AtomicInteger connections = countConnections(database);
            Map<String, String> env = freeWebPorts();
            env.put("LEARNING_DB_URL", "postgresql://localhost:" + database.getLocalPort() + "/learning");
            env.put("COMMAND_SIDE_PORT", Integer.toString(taken.getLocalPort()));

            LocalRunProcess.Run run = startLocalRun(env);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.output()).contains("set COMMAND_SIDE_PORT to a free port");
            assertThat(connections).as("connections to the database").hasValue(0);
        }
    }

    @Test
    void acceptsOnlyTheServerRunningFromItsOwnDataDirectory() throws Exception {
        Path own = scratch.resolve("pgdata");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(own).setCleanDataDirectory(true)
                .setRegisterShutdownHook(false).start()) {
            LocalRun.requireOwnServer(pg.getPostgresDatabase(), own, pg.getPort());

            Path another = Files.createDirectories(home.resolve("pgdata"));
            assertThatThrownBy(() -> LocalRun.requireOwnServer(pg.getPostgresDatabase(), another, pg.getPort()))
                    .isInstanceOf(LocalPorts.StartRefused.class)
                    .hasMessageContaining("port " + pg.getPort() + " (the embedded PostgreSQL) is answered by "
                            + "another PostgreSQL")
                    .hasMessageContaining("set LEARNING_EMBEDDED_DB_PORT to a free port");
        }
    }

    private LocalRunProcess.Run startLocalRun(Map<String, String> settings) throws Exception {
        return LocalRunProcess.run(home, scratch.resolve("local-run.log"), settings);
    }

    private static Map<String, String> freeWebPorts() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("COMMAND_SIDE_PORT", Integer.toString(freePort()));
        env.put("QUERY_SIDE_PORT", Integer.toString(freePort()));
        return env;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Accepts and counts every connection until the socket closes. */
    private static AtomicInteger countConnections(ServerSocket server) {
        AtomicInteger count = new AtomicInteger();
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket ignored = server.accept()) {
                    count.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "database-stand-in");
        acceptor.setDaemon(true);
        acceptor.start();
        return count;
    }
}
