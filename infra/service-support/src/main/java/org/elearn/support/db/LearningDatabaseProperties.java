package org.elearn.support.db;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The external PostgreSQL both services use: {@code LEARNING_DB_URL}, {@code LEARNING_DB_USER},
 * {@code LEARNING_DB_PASSWORD} (or {@code learning.db.*}).
 *
 * @param acquireTimeout how long a request waits for a connection before it is refused with
 *        {@code 503 database-unavailable}: Hikari's {@code connectionTimeout} and r2dbc-pool's acquire and
 *        create times. During an outage every request waits this long, holding whatever it holds (an
 *        ingestion slot, a thread), so it is short; a healthy pool hands out connections in microseconds.
 * @param healthTimeout how long the {@code db} and {@code r2dbc} health checks may take before they
 *        answer DOWN, so that a readiness probe gets its answer within its own timeout
 */
@ConfigurationProperties("learning.db")
public record LearningDatabaseProperties(String url, String user, String password, Duration acquireTimeout,
                                         Duration healthTimeout) {

    public LearningDatabaseProperties {
        url = url == null || url.isBlank() ? "postgresql://localhost:5432/learning" : url;
        user = user == null ? "learning" : user;
        password = password == null ? "" : password;
        acquireTimeout = acquireTimeout == null ? Duration.ofSeconds(2) : acquireTimeout;
        healthTimeout = healthTimeout == null ? Duration.ofSeconds(1) : healthTimeout;
    }

    public DatabaseUrl databaseUrl() {
        return DatabaseUrl.parse(url);
    }
}
