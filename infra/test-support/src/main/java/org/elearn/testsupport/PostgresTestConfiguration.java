package org.elearn.testsupport;

import org.elearn.support.db.ConnectionDetailsFactory;
import org.elearn.support.db.DatabaseUrl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Import into a {@code @SpringBootTest} to give it its own real PostgreSQL: a container with
 * {@code @ServiceConnection} when Docker answers, otherwise a fresh database on the embedded server.
 * The tests are the same either way.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

    @Bean
    @ServiceConnection
    @Conditional(DockerAvailable.class)
    PostgreSQLContainer<?> postgresContainer() {
        return new PostgreSQLContainer<>(TestDatabases.IMAGE);
    }

    @Bean
    @Conditional(DockerUnavailable.class)
    TestDatabases.TestDatabase embeddedTestDatabase() {
        return TestDatabases.create();
    }

    @Bean
    @Conditional(DockerUnavailable.class)
    JdbcConnectionDetails embeddedJdbcConnectionDetails(TestDatabases.TestDatabase db) {
        return ConnectionDetailsFactory.jdbc(DatabaseUrl.parse(db.learningUrl()), db.user(), db.password());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.r2dbc.spi.ConnectionFactory")
    @Conditional(DockerUnavailable.class)
    static class EmbeddedR2dbc {

        @Bean
        R2dbcConnectionDetails embeddedR2dbcConnectionDetails(TestDatabases.TestDatabase db) {
            return ConnectionDetailsFactory.r2dbc(DatabaseUrl.parse(db.learningUrl()), db.user(), db.password());
        }
    }

    static final class DockerAvailable implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TestDatabases.dockerAvailable();
        }
    }

    static final class DockerUnavailable implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !TestDatabases.dockerAvailable();
        }
    }
}
