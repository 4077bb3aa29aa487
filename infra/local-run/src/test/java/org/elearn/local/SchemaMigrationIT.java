package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.elearn.command.CommandSideApplication;
import org.elearn.query.QuerySideApplication;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * The deployment's migration Job and init containers (infra/k8s): {@code await-migrations} waits
 * while the schema is not migrated and returns once {@code migrate} has run for a side, and the
 * services then start with Flyway off. Before, every instance migrated at start-up, so instances
 * of a new version raced each other and the old version's instances during a rolling upgrade.
 */
class SchemaMigrationIT {

    @Test
    void instancesWaitForTheMigrationJobThenStartWithFlywayOff() throws Exception {
        TestDatabases.TestDatabase db = TestDatabases.create();
        String[] database = {"--learning.db.url=" + db.learningUrl(), "--learning.db.user=" + db.user(),
                "--learning.db.password=" + db.password()};

        CompletableFuture<Void> commandSideWaits = CompletableFuture.runAsync(
                () -> CommandSideApplication.main(args("await-migrations", database)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> !commandSideWaits.isDone());
        assertThat(tables(db)).as("waiting migrates nothing").isZero();

        CommandSideApplication.main(args("migrate", database));
        await().atMost(Duration.ofSeconds(60)).until(commandSideWaits::isDone);
        commandSideWaits.get();

        QuerySideApplication.main(args("migrate", database));
        // a second run of the Job finds nothing to do
        QuerySideApplication.main(args("migrate", database));
        QuerySideApplication.main(args("await-migrations", database));
        long migrated = tables(db);

        try (LocalApi api = LocalApi.withSettings(db, "target/schema-migration-secrets",
                Map.of("spring.flyway.enabled", false))) {
            assertThat(api.operator()).isNotBlank();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                    .uri("/actuator/health/readiness").exchange().expectStatus().isOk());
        }
        assertThat(tables(db)).as("the services created no table").isEqualTo(migrated);
    }

    private static String[] args(String mode, String[] database) {
        String[] args = new String[database.length + 1];
        args[0] = mode;
        System.arraycopy(database, 0, args, 1, database.length);
        return args;
    }

    private static long tables(TestDatabases.TestDatabase db) throws SQLException {
        try (Connection c = db.connect();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
