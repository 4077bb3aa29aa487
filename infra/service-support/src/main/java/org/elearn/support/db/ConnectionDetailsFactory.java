package org.elearn.support.db;

import io.r2dbc.spi.ConnectionFactoryOptions;
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

    /** Only call where r2dbc-spi is on the class path. */
    public static R2dbcConnectionDetails r2dbc(DatabaseUrl url, String user, String password) {
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(url.r2dbcUrl())
                .mutate()
                .option(ConnectionFactoryOptions.USER, user)
                .option(ConnectionFactoryOptions.PASSWORD, password)
                .build();
        return () -> options;
    }
}
