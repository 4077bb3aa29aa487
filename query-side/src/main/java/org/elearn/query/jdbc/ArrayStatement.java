package org.elearn.query.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.function.Function;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One statement over many rows: each column goes as one array parameter, which the SQL turns
 * back into rows with {@code unnest(?::text[], ?::bigint[], ...)}. One parse, one plan and one
 * round trip for the whole batch.
 */
public final class ArrayStatement {

    /** The array parameters, made on the statement's connection. */
    @FunctionalInterface
    public interface Columns {
        Array[] of(Connection connection) throws SQLException;
    }

    private ArrayStatement() {
    }

    public static void execute(JdbcTemplate jdbc, String sql, Columns columns) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                Array[] values = columns.of(connection);
                for (int i = 0; i < values.length; i++) {
                    statement.setArray(i + 1, values[i]);
                }
                statement.execute();
            }
            return null;
        });
    }

    /** A text array of one column of the rows; the SQL casts it ({@code ?::text[]}, then {@code ::uuid} and so on). */
    public static <R> Array text(Connection connection, Collection<R> rows, Function<R, ?> column) throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(column)
                .map(value -> value == null ? null : value.toString()).toArray());
    }

    /** An array of another SQL type ({@code int8}, {@code int4}, {@code bool}) of one column of the rows. */
    public static <R> Array of(Connection connection, String type, Collection<R> rows, Function<R, ?> column)
            throws SQLException {
        return connection.createArrayOf(type, rows.stream().map(column).toArray());
    }
}
