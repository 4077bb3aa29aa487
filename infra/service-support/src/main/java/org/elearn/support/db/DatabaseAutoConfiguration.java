package org.elearn.support.db;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcConnectionDetails;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires both connection kinds to one database.
 *
 * <p>Spring Boot backs off its JDBC {@code DataSource} as soon as an R2DBC {@code ConnectionFactory}
 * exists, so the {@code DataSource} is declared here. Connection details come from
 * {@code learning.db.url} unless something else (a Testcontainers {@code @ServiceConnection})
 * supplies them.
 */
@AutoConfiguration(before = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        FlywayAutoConfiguration.class, R2dbcAutoConfiguration.class},
        beforeName = "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration")
@EnableConfigurationProperties(LearningDatabaseProperties.class)
public class DatabaseAutoConfiguration {

    /** Flyway history table of the event-store schema, shared by both services. */
    static final String EVENT_STORE_HISTORY = "flyway_history_eventstore";

    /** Hikari raises any shorter connection or validation timeout to this. */
    private static final long MIN_HIKARI_TIMEOUT_MILLIS = 250;

    @Bean
    @ConditionalOnMissingBean
    JdbcConnectionDetails learningJdbcConnectionDetails(LearningDatabaseProperties db) {
        return ConnectionDetailsFactory.jdbc(db.databaseUrl(), db.user(), db.password());
    }

    /**
     * Hikari waits {@code learning.db.acquire-timeout} (2 s), not its default 30 s, for a connection:
     * while the database is away, a request is refused with {@code 503} in that time instead of
     * holding its thread and its ingestion slot for half a minute. A borrowed connection that has sat
     * idle is checked within half of it. {@code spring.datasource.hikari.*} still overrides both.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(JdbcConnectionDetails details, LearningDatabaseProperties db) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(details.getJdbcUrl());
        dataSource.setUsername(details.getUsername());
        dataSource.setPassword(details.getPassword());
        dataSource.setPoolName("learning-jdbc");
        dataSource.setConnectionTimeout(db.acquireTimeout().toMillis());
        dataSource.setValidationTimeout(Math.max(MIN_HIKARI_TIMEOUT_MILLIS, db.acquireTimeout().toMillis() / 2));
        return dataSource;
    }

    /** Declared here so Axon's transaction manager always wraps the JDBC one, whatever the ordering. */
    @Bean
    @ConditionalOnMissingBean(PlatformTransactionManager.class)
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    /**
     * Migrates the shared event-store schema (from shared-events) before this service's own schema.
     * Each set keeps its own history table, so the two services never see each other's migrations
     * as unknown; Flyway's lock on the history table makes a concurrent start of both safe. The
     * service's own set baselines at version 0, because the schema already holds the event store.
     */
    @Bean
    @ConditionalOnMissingBean
    FlywayMigrationStrategy eventStoreFirstMigrationStrategy() {
        return flyway -> schemaSets(flyway).forEach(Flyway::migrate);
    }

    /**
     * The two migration sets of a side, in the order they must run: the shared event-store schema
     * (from shared-events) with its own history table, then the side's own set from
     * {@code spring.flyway.*}, which baselines at version 0 because the schema already holds the
     * event store.
     */
    static List<Flyway> schemaSets(Flyway side) {
        return List.of(
                Flyway.configure()
                        .configuration(side.getConfiguration())
                        .locations("classpath:db/eventstore")
                        .table(EVENT_STORE_HISTORY)
                        .load(),
                Flyway.configure()
                        .configuration(side.getConfiguration())
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .load());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.r2dbc.spi.ConnectionFactory")
    static class R2dbcDetails {

        @Bean
        @ConditionalOnMissingBean
        R2dbcConnectionDetails learningR2dbcConnectionDetails(LearningDatabaseProperties db) {
            return ConnectionDetailsFactory.r2dbc(db.databaseUrl(), db.user(), db.password());
        }
    }
}
