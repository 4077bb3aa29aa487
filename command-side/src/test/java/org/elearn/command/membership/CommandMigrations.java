package org.elearn.command.membership;

import java.util.Arrays;
import java.util.Comparator;
import org.elearn.testsupport.TestDatabases;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.ds.PGSimpleDataSource;

/** A fresh database whose command schema stops just before a migration, to test that migration over old rows. */
final class CommandMigrations {

    private CommandMigrations() {
    }

    /** The event store, and every command migration before this version, whichever numbers below it exist. */
    static PGSimpleDataSource migratedBefore(String version) {
        PGSimpleDataSource dataSource = TestDatabases.create().dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore")
                .table("flyway_history_eventstore").load().migrate();
        MigrationVersion before = Arrays.stream(commandSchema(dataSource).load().info().all())
                .map(MigrationInfo::getVersion).filter(v -> v.compareTo(MigrationVersion.fromVersion(version)) < 0)
                .max(Comparator.naturalOrder()).orElseThrow();
        commandSchema(dataSource).target(before).load().migrate();
        return dataSource;
    }

    /** Runs the rest of the command migrations. */
    static void migrate(PGSimpleDataSource dataSource) {
        commandSchema(dataSource).load().migrate();
    }

    private static FluentConfiguration commandSchema(PGSimpleDataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/command")
                .table("flyway_history_command").baselineOnMigrate(true).baselineVersion("0");
    }
}
