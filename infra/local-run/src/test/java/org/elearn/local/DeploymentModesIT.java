package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.elearn.command.CommandSideApplication;
import org.elearn.query.QuerySideApplication;
import org.elearn.events.privacy.LocalKeyEncryptionKeys;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.support.privacy.KeyRewrap;
import org.elearn.testsupport.TestDatabases;
import org.elearn.testsupport.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * The modes of a side's jar that a deployment runs (docs/operations.md, Deployment). The migration
 * Job and init containers: {@code await-migrations} waits while the schema is not migrated and
 * returns once {@code migrate} has run for a side, and the services then start with Flyway off.
 * Before, every instance migrated at start-up, so instances of a new version raced each other and
 * the old version's instances during a rolling upgrade. The second half of a KEK rotation in a
 * cluster: {@code rewrap-keys} re-wraps every data key under the new KEK, so the old one can go.
 */
class DeploymentModesIT {

    @Test
    void instancesWaitForTheMigrationJobThenStartWithFlywayOffAndKeysAreRewrappedUnderANewKek() throws Exception {
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
            // an administrator: a person whose data is encrypted under a data key
            api.organizationWithTrainees(api.operator(), "Rewrapped", "Rita", "rewrap.example", List.of());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                    .uri("/actuator/health/readiness").exchange().expectStatus().isOk());
        }
        assertThat(tables(db)).as("the services created no table").isEqualTo(migrated);

        Path keys = Files.createDirectories(Path.of("target/deployment-modes-keks"));
        Path oldKek = Files.writeString(keys.resolve("retired.key"), TestKeys.KEK);
        String newKek = EmailHasher.newEncodedKey();
        Path currentKek = Files.writeString(keys.resolve("current.key"), newKek);
        String[] rotation = {"--learning.crypto.kek-file=" + currentKek, "--learning.crypto.retired-kek-files=" + oldKek};
        String newKekId = new LocalKeyEncryptionKeys(List.of(newKek)).currentKeyId();
        assertThat(dataKeys(db, newKekId)).as("data keys wrapped by the old KEK").isPositive();
        CommandSideApplication.main(args("rewrap-keys", concat(database, rotation)));
        assertThat(dataKeys(db, newKekId)).as("data keys still wrapped by the old KEK").isZero();
        assertThat(KeyRewrap.run(CommandSideApplication.CONFIG_NAME, args("rewrap-keys", concat(database, rotation))))
                .as("a second run re-wraps nothing").isZero();
    }

    private static String[] concat(String[] first, String[] second) {
        String[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static long dataKeys(TestDatabases.TestDatabase db, String notWrappedBy) throws SQLException {
        try (Connection c = db.connect();
             var ps = c.prepareStatement("SELECT count(*) FROM data_key WHERE kek_id <> ?")) {
            ps.setString(1, notWrappedBy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
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
