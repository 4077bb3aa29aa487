package org.elearn.query.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** Reads the signed checkpoints ({@link HistorySealer} writes them) for auditors to copy out; blocking. */
@Component
class Checkpoints {

    private final DataSource dataSource;

    Checkpoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Checkpoints at or after {@code from}, in order, at most {@code limit}. */
    List<Checkpoint> from(long from, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + Checkpoint.COLUMNS
                     + " FROM audit_checkpoint WHERE global_index >= ? ORDER BY global_index LIMIT ?")) {
            ps.setLong(1, from);
            ps.setInt(2, limit);
            List<Checkpoint> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Checkpoint.read(rs));
                }
            }
            return out;
        }
    }
}
