package org.elearn.support.db;

import io.r2dbc.spi.ConnectionFactory;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.ReactiveHealthContributor;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.boot.actuate.r2dbc.ConnectionFactoryHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code db} and {@code r2dbc} health checks that readiness includes, each bounded by
 * {@code learning.db.health-timeout} (1 s): while PostgreSQL is away, readiness answers DOWN within
 * that time instead of after the pool's acquire timeout. They replace Spring Boot's own checks of the
 * same names, which back off when these exist.
 */
@AutoConfiguration(after = DatabaseAutoConfiguration.class,
        afterName = "org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration",
        beforeName = {"org.springframework.boot.actuate.autoconfigure.jdbc.DataSourceHealthContributorAutoConfiguration",
                "org.springframework.boot.actuate.autoconfigure.r2dbc.ConnectionFactoryHealthContributorAutoConfiguration"})
@ConditionalOnClass(HealthIndicator.class)
public class DatabaseHealthAutoConfiguration {

    @Bean
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnMissingBean(name = {"dbHealthIndicator", "dbHealthContributor"})
    ReactiveHealthIndicator dbHealthContributor(DataSource dataSource, LearningDatabaseProperties db) {
        // Boot's check is blocking; the adapter runs it on a bounded-elastic thread
        ReactiveHealthIndicator check = (ReactiveHealthIndicator) ReactiveHealthContributor.adapt(
                new DataSourceHealthIndicator(dataSource));
        return new BoundedHealthIndicator(check, db.healthTimeout());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.r2dbc.spi.ConnectionFactory")
    static class R2dbcHealth {

        @Bean
        @ConditionalOnBean(ConnectionFactory.class)
        @ConditionalOnMissingBean(name = {"r2dbcHealthIndicator", "r2dbcHealthContributor"})
        ReactiveHealthIndicator r2dbcHealthContributor(ConnectionFactory connections, LearningDatabaseProperties db) {
            return new BoundedHealthIndicator(new ConnectionFactoryHealthIndicator(connections), db.healthTimeout());
        }
    }
}
