package org.elearn.local;

import org.elearn.testsupport.TestDatabases;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** A fresh real PostgreSQL database with only the event store's schema, for tests of the key vault. */
final class EventStoreDatabase {

    private EventStoreDatabase() {
    }

    static PGSimpleDataSource migrated() {
        PGSimpleDataSource dataSource = TestDatabases.create().dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore")
                .table("flyway_history_eventstore").load().migrate();
        return dataSource;
    }
}
