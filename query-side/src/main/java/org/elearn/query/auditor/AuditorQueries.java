package org.elearn.query.auditor;

import static org.elearn.query.jdbc.Columns.instant;
import static org.elearn.query.jdbc.Columns.uuid;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.elearn.query.sealing.ProjectionCipher;
import org.elearn.query.web.Paged;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The one reader of {@code auditor_view} ({@link AuditorProjection} writes it). */
@Component
public record AuditorQueries(DatabaseClient db, JdbcTemplate jdbc, ProjectionCipher cipher) {

    /** An auditor as the operator's list shows them. */
    public record Auditor(UUID auditorId, String email, boolean mayReveal, Instant appointedAt) {
    }

    private record Sealed(UUID auditorId, String email, boolean mayReveal, Instant appointedAt) {

        Auditor opened(ProjectionCipher.Opener open) {
            return new Auditor(auditorId, open.text("email", email), mayReveal, appointedAt);
        }
    }

    /** The auditor's row, for the personal-data export; blocking. */
    public Optional<Auditor> recordNow(UUID auditorId) {
        List<Sealed> rows = jdbc.query("SELECT auditor_id, email, may_reveal, appointed_at FROM auditor_view"
                        + " WHERE auditor_id = ?", (rs, n) -> new Sealed(uuid(rs, "auditor_id"), rs.getString("email"),
                        rs.getBoolean("may_reveal"), instant(rs, "appointed_at")), auditorId);
        return cipher.openRowsNow(AuditorProjection.TABLE, rows, Sealed::auditorId, Sealed::opened).stream().findFirst();
    }

    /** A page of the auditors, the newest appointed first (the email is sealed: nothing sorts on it). */
    public Mono<Paged<Auditor>> page(int page, int size) {
        Mono<List<Auditor>> items = db.sql("""
                        SELECT auditor_id, email, may_reveal, appointed_at FROM auditor_view
                         ORDER BY appointed_at DESC, auditor_id LIMIT :limit OFFSET :offset""")
                .bind("limit", size).bind("offset", (long) page * size)
                .map(row -> new Sealed(row.get("auditor_id", UUID.class), row.get("email", String.class),
                        Boolean.TRUE.equals(row.get("may_reveal", Boolean.class)),
                        instant(row.get("appointed_at", OffsetDateTime.class))))
                .all().collectList()
                .flatMap(rows -> cipher.openRows(AuditorProjection.TABLE, rows, Sealed::auditorId, Sealed::opened));
        Mono<Long> total = db.sql("SELECT count(*) AS total FROM auditor_view")
                .map(row -> row.get("total", Long.class)).one();
        return Paged.of(items, total, page, size);
    }
}
