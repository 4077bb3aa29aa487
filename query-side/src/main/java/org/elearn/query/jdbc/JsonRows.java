package org.elearn.query.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.util.PGobject;

/**
 * Rows read with {@code JdbcTemplate.queryForList} as the API shows them: camelCase names like
 * every other response ({@code employee_id} becomes {@code employeeId}), times as instants, dates
 * as ISO dates and JSON columns as JSON rather than text. Bookkeeping ({@code last_global_index},
 * {@code applied_index}, {@code applied_gaps}) is left out.
 */
public final class JsonRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Set<String> BOOKKEEPING = java.util.Set.of("last_global_index", "applied_index",
            "applied_gaps");

    private JsonRows() {
    }

    /** The row with camelCase names and API values; null for null. */
    public static Map<String, Object> of(Map<String, Object> row) {
        if (row == null) {
            return null;
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            if (!BOOKKEEPING.contains(column)) {
                shown.put(camelCase(column), value(value));
            }
        });
        return shown;
    }

    public static String camelCase(String column) {
        StringBuilder name = new StringBuilder(column.length());
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    private static Object value(Object value) {
        if (value instanceof Timestamp time) {
            return time.toInstant();
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        if (value instanceof PGobject object && object.getType().startsWith("json") && object.getValue() != null) {
            try {
                return JSON.readTree(object.getValue());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("invalid JSON in a " + object.getType() + " column", e);
            }
        }
        return value;
    }
}
