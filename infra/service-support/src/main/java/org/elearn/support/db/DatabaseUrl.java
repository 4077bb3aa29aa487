package org.elearn.support.db;

import java.net.URI;

/**
 * The one database URL a user configures, {@code postgresql://host:port/database}, and the JDBC and
 * R2DBC URLs derived from it, so nobody configures the same database twice.
 */
public record DatabaseUrl(String host, int port, String database) {

    public static DatabaseUrl parse(String url) {
        String value = url.trim();
        if (value.startsWith("jdbc:")) {
            value = value.substring("jdbc:".length());
        }
        if (!value.startsWith("postgresql://") && !value.startsWith("postgres://")) {
            throw new IllegalArgumentException(
                    "learning.db.url must look like postgresql://host:port/database");
        }
        URI uri = URI.create(value);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || path.isBlank()) {
            throw new IllegalArgumentException(
                    "learning.db.url must name a host and a database: postgresql://host:port/database");
        }
        return new DatabaseUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path);
    }

    /** pgjdbc rewrites batched inserts into multi-row inserts: event appends and bulk imports are batches. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?reWriteBatchedInserts=true";
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
