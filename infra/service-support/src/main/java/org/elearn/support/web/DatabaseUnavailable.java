package org.elearn.support.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.ClassUtils;

/**
 * Recognises a failure that means the database cannot be reached (a restart, a crash, a failover, a
 * full pool), however deeply Axon, Spring or the pools wrapped it. Such a request did not fail for
 * anything in it: the service answers {@code 503} and the client asks again later.
 */
final class DatabaseUnavailable {

    /**
     * PostgreSQL's SQLStates beyond class 08 (connection exception) that mean the server went away:
     * admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down).
     */
    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");

    /** HikariCP's message for any call on a connection it has closed (it gives no SQLState). */
    private static final String CLOSED = "Connection is closed";

    /** The command side has no R2DBC. */
    private static final boolean R2DBC = ClassUtils.isPresent("io.r2dbc.spi.R2dbcException",
            DatabaseUnavailable.class.getClassLoader());

    private DatabaseUnavailable() {
    }

    /** Whether anything in the cause chain says the database cannot be reached. */
    static boolean causedBy(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException // Hikari: no connection within its timeout
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof DataAccessResourceFailureException // Spring's, e.g. CannotGetJdbcConnectionException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof SQLException sql && isConnectionFailure(sql.getSQLState())
                    || R2DBC && R2dbc.isConnectionFailure(cause)) {
                return true;
            }
            // the rollback after a lost connection fails too ("Connection is closed", no SQLState);
            // Spring then throws the rollback's failure and keeps the first one aside
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && causedBy(rollback.getApplicationException())) {
                return true;
            }
            // a commit cut off by the crash, whose rollback then found the connection closed: Spring
            // logs the commit's failure and throws the rollback's, with no application exception
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() == null
                    && rollback.getCause() instanceof SQLException sql && sql.getSQLState() == null
                    && CLOSED.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }

    static boolean isConnectionFailure(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || SERVER_GONE.contains(sqlState));
    }

    /** Loaded only where R2DBC is on the classpath. */
    private static final class R2dbc {

        static boolean isConnectionFailure(Throwable cause) {
            // r2dbc-postgresql: connection refused or closed, and class 08, are resource exceptions;
            // r2dbc-pool: no connection within max-acquire-time or max-create-connection-time is a
            // timeout over Reactor's TimeoutException (a statement timeout has no such cause)
            return cause instanceof io.r2dbc.spi.R2dbcNonTransientResourceException
                    || cause instanceof io.r2dbc.spi.R2dbcTransientResourceException
                    || cause instanceof io.r2dbc.spi.R2dbcTimeoutException
                    && cause.getCause() instanceof java.util.concurrent.TimeoutException
                    || cause instanceof io.r2dbc.spi.R2dbcException r2dbc
                    && DatabaseUnavailable.isConnectionFailure(r2dbc.getSqlState());
        }
    }
}
