package org.elearn.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import org.elearn.cli.LocalKeks;
import javax.sql.DataSource;

/**
 * The embedded PostgreSQL's {@code postgres} password. initdb trusts every local user as superuser,
 * so any process on the machine could read the event store; the run instead keeps a generated
 * password in {@code secrets/postgres-password} (mode 600) and makes every connection, local socket
 * included, prove it with SCRAM. A data directory from a run before this (trust) is converted on
 * its next start: the password is set, {@code pg_hba.conf} rewritten and the configuration reloaded.
 */
final class LocalDatabasePassword {

    static final String USER = "postgres";
    /** Every connection kind initdb lists, with a password; the file is ours once it says so. */
    static final String HBA = """
            # written by the local run: every connection needs the password in secrets/postgres-password
            local   all             all                                     scram-sha-256
            host    all             all             127.0.0.1/32            scram-sha-256
            host    all             all             ::1/128                 scram-sha-256
            local   replication     all                                     scram-sha-256
            host    replication     all             127.0.0.1/32            scram-sha-256
            host    replication     all             ::1/128                 scram-sha-256
            """;

    private LocalDatabasePassword() {
    }

    static Path file(Path secrets) {
        return secrets.resolve("postgres-password");
    }

    /** The password, generated on first use. */
    static String ensure(Path secrets) {
        Path file = file(secrets);
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            LocalKeks.write(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Unless the data directory already asks for the password: sets it and switches every connection
     * to SCRAM, then reloads. The server was reached as the trusted superuser; from now on it is not.
     */
    static void require(DataSource server, Path dataDirectory, String password) throws SQLException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        try {
            if (Files.readString(hba, StandardCharsets.UTF_8).equals(HBA)) {
                return;
            }
            if (!password.matches("[A-Za-z0-9_-]+")) { // a literal below: only characters that need no quoting
                throw new IllegalStateException("the database password file holds characters other than "
                        + "letters, digits, '-' and '_'");
            }
            try (Connection c = server.getConnection(); Statement st = c.createStatement()) {
                st.execute("SET password_encryption = 'scram-sha-256'");
                st.execute("ALTER USER " + USER + " PASSWORD '" + password + "'");
                Files.writeString(hba, HBA, StandardCharsets.UTF_8);
                st.execute("SELECT pg_reload_conf()");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot secure " + hba, e);
        }
    }
}
