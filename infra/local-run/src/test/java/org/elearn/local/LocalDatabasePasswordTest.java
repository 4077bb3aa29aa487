package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The local run's embedded PostgreSQL asks every connection for the generated password kept in
 * {@code secrets/} (mode 600), including a data directory made by an earlier run that trusted
 * every local user.
 */
class LocalDatabasePasswordTest {

    @TempDir
    Path home;

    @Test
    void anEarlierTrustingDataDirectoryAsksForThePasswordFromTheNextStartOn() throws Exception {
        Path data = home.resolve("pgdata");
        Path secrets = home.resolve("secrets");
        int port = freePort();
        // a data directory as earlier runs left it: initdb's trust for every local user
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setPort(port).setRegisterShutdownHook(false).start()) {
            assertThat(select1(old.getPort(), null)).isEqualTo(1);
        }

        String password = LocalDatabasePassword.ensure(secrets);
        try (EmbeddedPostgres pg = LocalRun.startEmbedded(data, port, password)) {
            assertRefusedWithoutThePassword(pg.getPort());
            assertThat(select1(pg.getPort(), password)).isEqualTo(1);
        }
        assertThat(Files.getPosixFilePermissions(LocalDatabasePassword.file(secrets)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // the next start finds the password already required, and the same file
        assertThat(LocalDatabasePassword.ensure(secrets)).isEqualTo(password);
        try (EmbeddedPostgres pg = LocalRun.startEmbedded(data, port, password)) {
            assertRefusedWithoutThePassword(pg.getPort());
            assertThat(select1(pg.getPort(), password)).isEqualTo(1);
        }
    }

    private static void assertRefusedWithoutThePassword(int port) {
        assertThatThrownBy(() -> select1(port, null)).isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> select1(port, "wrong")).isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    private static int select1(int port, String password) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://localhost:" + port + "/postgres");
        ds.setUser("postgres");
        if (password != null) {
            ds.setPassword(password);
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
