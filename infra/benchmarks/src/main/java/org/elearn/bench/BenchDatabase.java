package org.elearn.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * A throw-away embedded PostgreSQL for benchmarks, with durability on ({@code fsync},
 * {@code synchronous_commit}), as the local run has it: an acknowledged append is on disk.
 */
final class BenchDatabase implements AutoCloseable {

    private final EmbeddedPostgres pg;
    private final Path dataDirectory;

    BenchDatabase() throws IOException {
        dataDirectory = Files.createTempDirectory("learning-bench-pg");
        pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    /** A new database with the event-store schema migrated. */
    HikariDataSource newDatabase(String name, int poolSize) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(jdbcUrl(name));
        ds.setUsername("postgres");
        ds.setMaximumPoolSize(poolSize);
        Flyway.configure().dataSource(ds).locations("classpath:db/eventstore")
                .table("flyway_history_eventstore").load().migrate();
        return ds;
    }

    /** A connection to the database {@code name}, as the superuser. */
    Connection connection(String name) throws SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl(name), "postgres", "");
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    int port() {
        return pg.getPort();
    }

    String jdbcUrl(String name) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name;
    }

    String learningUrl(String name) {
        return "postgresql://localhost:" + pg.getPort() + "/" + name;
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
