package org.elearn.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import com.fasterxml.jackson.databind.JsonNode;
import org.elearn.events.privacy.LocalKeyEncryptionKeys;
import org.elearn.local.Services;

/**
 * {@code bench-retention [members=10000]}: the retention job over an organization whose members
 * have all expired. On a throw-away embedded PostgreSQL with durability on, both services run in
 * this JVM, the command side's clock two days ahead of the event time stamps. The members are
 * imported through the API; with the policy "erase after 1 day without activity" every one of them
 * is due. Prints the job's time, the time until the query side's projections show the erasures
 * (member list empty, report rows marked erased), and the total; the target is under 60 s.
 */
public final class RetentionBenchmark {

    private static final String OPERATOR = "operator@bench.example";
    private static final String PASSWORD = "benchmark-operator-password";

    private RetentionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        try (BenchDatabase pg = new BenchDatabase()) {
            pg.newDatabase("learning", 2).close();
            Map<String, Object> common = Map.of("learning.db.url", pg.learningUrl("learning"),
                    "learning.db.user", "postgres", "learning.db.password", "",
                    "learning.secrets.dir", Files.createTempDirectory("retention-bench-secrets").toString(),
                    "learning.crypto.kek", LocalKeyEncryptionKeys.newEncodedKey(), "server.port", 0,
                    "learning.retention.initial-delay", "1h");
            Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofDays(2));
            try (Services services = Services.start(common,
                    Map.of("learning.operator.email", OPERATOR, "learning.operator.password", PASSWORD), Map.of(),
                    context -> context.getBeanFactory().registerSingleton("clock", ahead));
                 HikariDataSource db = new HikariDataSource()) {
                db.setJdbcUrl(pg.jdbcUrl("learning"));
                db.setUsername("postgres");
                db.setMaximumPoolSize(2);
                new RetentionBenchmark().run(services, db, members);
            }
        }
    }

    private void run(Services services, HikariDataSource db, int members) throws Exception {
        BenchApi command = new BenchApi("http://localhost:" + services.commandSidePort());
        String operator = command.login(OPERATOR, PASSWORD);
        long seeding = System.nanoTime();
        BenchApi.Organization org = command.organization(operator, "Retention Bench", members);
        await(() -> count(db, "SELECT count(*) FROM retention_member WHERE organization_id = ?", org.id()), members);
        await(() -> count(db, "SELECT count(*) FROM report_trainee WHERE organization_id = ? AND NOT erased",
                org.id()), members);
        System.out.printf("seeded %,d members in %.1f s%n", members, (System.nanoTime() - seeding) / 1e9);

        command.send(HttpRequest.newBuilder(URI.create(command.base + "/api/organizations/" + org.id()
                        + "/retention-policy")).header("Authorization", "Bearer " + org.adminToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"afterInactivityDays\":1}")));
        long start = System.nanoTime();
        JsonNode run = command.post("/api/operations/retention/runs", operator, Map.of());
        double job = (System.nanoTime() - start) / 1e9;
        await(() -> count(db, "SELECT count(*) FROM member_view WHERE organization_id = ?", org.id()), 0);
        await(() -> count(db, "SELECT count(*) FROM report_trainee WHERE organization_id = ? AND NOT erased",
                org.id()), 0);
        double total = (System.nanoTime() - start) / 1e9;
        System.out.printf("retention: %,d of %,d expired members erased by the job in %.1f s; projections caught up"
                        + " %.1f s later; total %.1f s (target under 60 s: %s)%n", run.get("erased").asInt(), members,
                job, total - job, total, total < 60 ? "met" : "NOT met");
    }

    private static void await(LongSupplier count, long expected) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (count.getAsLong() != expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + expected + ", at " + count.getAsLong());
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static long count(HikariDataSource db, String sql, UUID organization) {
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, organization);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
