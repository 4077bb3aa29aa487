package org.elearn.support.db;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.util.Map;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcConnectionDetails;

/** Spring Boot connection details for one database, for JDBC and for R2DBC. */
public final class ConnectionDetailsFactory {

    private ConnectionDetailsFactory() {
    }

    public static JdbcConnectionDetails jdbc(DatabaseUrl url, String user, String password) {
        String jdbcUrl = url.jdbcUrl();
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return user;
            }

            @Override
            public String getPassword() {
                return password;
            }

            @Override
            public String getJdbcUrl() {
                return jdbcUrl;
            }
        };
    }

    /**
     * r2dbc-postgresql's {@code options}: server settings for every connection it opens. The
     * reactive side serves reads whose filters match ten rows in one organization and 100,000 in
     * another. The driver prepares each statement once per connection, and after five executions
     * PostgreSQL may settle on a generic plan that ignores the values: the learning report's count
     * over a date range then walked an index through 100,000 rows (54 ms) instead of scanning
     * (22 ms). Planning for the actual values costs well under a millisecond per query.
     */
    static final Map<String, String> SERVER_OPTIONS = Map.of("plan_cache_mode", "force_custom_plan");

    /** Only call where r2dbc-spi is on the class path. */
    public static R2dbcConnectionDetails r2dbc(DatabaseUrl url, String user, String password) {
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(url.r2dbcUrl())
                .mutate()
                .option(ConnectionFactoryOptions.USER, user)
                .option(ConnectionFactoryOptions.PASSWORD, password)
                .option(Option.valueOf("options"), SERVER_OPTIONS)
                .build();
        return () -> options;
    }
}
