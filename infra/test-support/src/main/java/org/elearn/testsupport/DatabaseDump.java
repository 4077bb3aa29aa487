package org.elearn.testsupport;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.nio.charset.StandardCharsets;
import org.postgresql.PGConnection;

/**
 * A full data dump of a database: every row of every user table, as PostgreSQL's {@code COPY ... TO
 * STDOUT} writes it, which is what {@code pg_dump} puts in its data section (bytea as hex). Used to
 * prove that no copy of erased personal data survives. (pg_dump itself is not available here: the
 * embedded binaries ship only the server, and Debian's client is older than the server.)
 */
public final class DatabaseDump {

    private DatabaseDump() {
    }

    public static String dump(TestDatabases.TestDatabase db) {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.connect()) {
            List<String> tables = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                    SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)
                      FROM information_schema.tables
                     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
                     ORDER BY 1""")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            PGConnection pg = c.unwrap(PGConnection.class);
            for (String table : tables) {
                StringWriter rows = new StringWriter();
                pg.getCopyAPI().copyOut("COPY " + table + " TO STDOUT", rows);
                out.append("-- ").append(table).append('\n').append(rows).append('\n');
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("database dump failed", e);
        }
        return out.toString();
    }

    /**
     * The forms a marker string can take in a dump or a log: itself, hex (either case), and base64
     * at each of the three byte alignments it could have inside a longer encoded value.
     */
    public static List<String> forms(String marker) {
        byte[] bytes = marker.getBytes(StandardCharsets.UTF_8);
        List<String> forms = new ArrayList<>(List.of(marker, HexFormat.of().formatHex(bytes),
                HexFormat.of().withUpperCase().formatHex(bytes)));
        for (int skip = 0; skip < 3; skip++) {
            int usable = (bytes.length - skip) / 3 * 3;
            if (usable >= 6) {
                byte[] part = java.util.Arrays.copyOfRange(bytes, skip, skip + usable);
                forms.add(Base64.getEncoder().encodeToString(part));
            }
        }
        return forms;
    }
}
