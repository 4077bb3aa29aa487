package org.elearn.query.membership;

import static org.elearn.query.jdbc.Columns.instant;
import static org.elearn.query.jdbc.Columns.uuid;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.elearn.query.projection.Projection;
import org.elearn.query.sealing.ProjectionCipher;
import org.elearn.query.web.Paged;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one reader of {@code member_view} ({@link MemberProjection} writes it): the organization's
 * member list and export, a member's own record, their row for the personal-data export and a
 * holder's name. Sealed fields are opened off the event loop; the reactive reads go through R2DBC,
 * the blocking ones ({@code …Now}) through JDBC for callers already off the event loop.
 */
@Component
public record MemberQueries(DatabaseClient db, JdbcTemplate jdbc, ProjectionCipher cipher) {

    private static final String TABLE = "member_view";
    private static final Map<String, String> SORTABLE = Map.of("name", "name",
            "department", "department", "status", "status", "joinedAt", "joined_at");
    private static final String LISTED = "member_id, name, email, phone, department, role, status, nickname, gender, "
            + "employee_id, position, entry_date, joined_at, erasure_due_at";
    /**
     * Leaves out a member whose erasure has committed but whose row {@link MemberProjection} has
     * not deleted yet: the name stays clear in the row until then, and a read must not show it
     * (docs/privacy.md, "Reads before the projections catch up").
     */
    static final String NOT_ERASED = Projection.notFenced("member_view.member_id::text");

    /** A member as the organization's lists show them. */
    public record Member(UUID memberId, String name, String email, String phone, String department, String role,
                         String status, String nickname, String gender, String employeeId, String position,
                         String entryDate, Instant joinedAt, Instant cancellationErasureDueAt) {

        Member opened(ProjectionCipher.Opener open) {
            return new Member(memberId, name, open.text("email", email), open.text("phone", phone), department, role,
                    status, open.text("nickname", nickname), open.text("gender", gender),
                    open.text("employee_id", employeeId), open.text("position", position),
                    open.text("entry_date", entryDate), joinedAt, cancellationErasureDueAt);
        }
    }

    /** A member's own record, as their profile shows it. */
    public record OwnMember(UUID organizationId, String name, String email, String phone, String department,
                            String role, String status, String nickname, String gender, String employeeId,
                            String position, String entryDate) {
    }

    /** Everything {@code member_view} holds about a member but its bookkeeping, for the personal-data export. */
    public record MemberRecord(UUID memberId, UUID organizationId, String name, String email, String phone,
                               String department, String role, String status, String nickname, String gender,
                               String employeeId, String position, String entryDate, Instant joinedAt,
                               Instant erasureDueAt) {

        MemberRecord opened(ProjectionCipher.Opener open) {
            return new MemberRecord(memberId, organizationId, name, open.text("email", email),
                    open.text("phone", phone), department, role, status, open.text("nickname", nickname),
                    open.text("gender", gender), open.text("employee_id", employeeId), open.text("position", position),
                    open.text("entry_date", entryDate), joinedAt, erasureDueAt);
        }
    }

    /**
     * Filters of the member list: department, role and status exactly; {@code q} a text in the name
     * or the whole email (found by its blind index). Null for none.
     */
    public record Filter(String department, String role, String status, String q) {
    }

    /**
     * A page of the organization's members; {@code sort} is {@code field,asc|desc} with a field
     * among name, department, status and joinedAt.
     */
    public Mono<Paged<Member>> page(UUID organizationId, Filter filter, String sort, int page, int size) {
        StringBuilder where = new StringBuilder(" FROM member_view WHERE organization_id = :org AND " + NOT_ERASED);
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("org", organizationId);
        if (filter.department() != null) {
            where.append(" AND department = :department");
            binds.put("department", filter.department());
        }
        if (filter.role() != null) {
            where.append(" AND role = :role");
            binds.put("role", filter.role());
        }
        if (filter.status() != null) {
            where.append(" AND status = :status");
            binds.put("status", filter.status());
        }
        String q = filter.q();
        if (q != null && !q.isBlank()) {
            where.append(" AND (name ILIKE :q OR email_index = :emailIndex)");
            binds.put("q", "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            binds.put("emailIndex", cipher.emailIndex(q));
        }
        String[] order = sort.split(",");
        String select = "SELECT " + LISTED + where + " ORDER BY " + SORTABLE.get(order[0]) + " "
                + order[1].toUpperCase() + ", member_id LIMIT :limit OFFSET :offset";
        Mono<List<Member>> items = bindAll(db.sql(select), binds)
                .bind("limit", size).bind("offset", (long) page * size)
                .map(MemberQueries::member).all().collectList()
                .flatMap(members -> cipher.openRows(TABLE, members, Member::memberId, Member::opened));
        Mono<Long> total = bindAll(db.sql("SELECT count(*) AS total" + where), binds)
                .map(row -> row.get("total", Long.class)).one();
        return Paged.of(items, total, page, size);
    }

    /** A page of the departments the organization's members are in, by name (each once). */
    public Mono<Paged<String>> departments(UUID organizationId, int page, int size) {
        String where = " FROM member_view WHERE organization_id = :org AND department IS NOT NULL AND " + NOT_ERASED;
        Mono<List<String>> items = db.sql("SELECT DISTINCT department" + where
                        + " ORDER BY department LIMIT :limit OFFSET :offset")
                .bind("org", organizationId).bind("limit", size).bind("offset", (long) page * size)
                .map(row -> row.get("department", String.class)).all().collectList();
        Mono<Long> total = db.sql("SELECT count(DISTINCT department) AS total" + where).bind("org", organizationId)
                .map(row -> row.get("total", Long.class)).one();
        return Paged.of(items, total, page, size);
    }

    /** Every member of the organization by name, streamed a page at a time. */
    public Flux<Member> all(UUID organizationId) {
        Flux<Member> members = db.sql("SELECT " + LISTED + " FROM member_view WHERE organization_id = :org"
                        + " AND " + NOT_ERASED + " ORDER BY name, member_id")
                .bind("org", organizationId).map(MemberQueries::member).all();
        return cipher.openRows(TABLE, members, Member::memberId, Member::opened);
    }

    /** The member's name; empty when there is no such member (never was, or erased). */
    public Mono<String> name(UUID memberId) {
        return db.sql("SELECT name FROM member_view WHERE member_id = :id AND " + NOT_ERASED).bind("id", memberId)
                .map(row -> row.get("name", String.class)).one();
    }

    /** The member's own record; blocking. */
    public Optional<OwnMember> ownNow(UUID memberId) {
        return recordNow(memberId).map(m -> new OwnMember(m.organizationId(), m.name(), m.email(), m.phone(),
                m.department(), m.role(), m.status(), m.nickname(), m.gender(), m.employeeId(), m.position(),
                m.entryDate()));
    }

    /** The member's whole row, for the personal-data export; blocking. */
    public Optional<MemberRecord> recordNow(UUID memberId) {
        List<MemberRecord> rows = jdbc.query("""
                        SELECT member_id, organization_id, name, email, phone, department, role, status, nickname,
                               gender, employee_id, position, entry_date, joined_at, erasure_due_at
                          FROM member_view WHERE member_id = ? AND %s""".formatted(NOT_ERASED),
                (rs, n) -> new MemberRecord(uuid(rs, "member_id"), uuid(rs, "organization_id"), rs.getString("name"),
                        rs.getString("email"), rs.getString("phone"), rs.getString("department"),
                        rs.getString("role"), rs.getString("status"), rs.getString("nickname"),
                        rs.getString("gender"), rs.getString("employee_id"), rs.getString("position"),
                        rs.getString("entry_date"), instant(rs, "joined_at"), instant(rs, "erasure_due_at")),
                memberId);
        return cipher.openRowsNow(TABLE, rows, MemberRecord::memberId, MemberRecord::opened).stream().findFirst();
    }

    private static Member member(Readable row) {
        return new Member(row.get("member_id", UUID.class), row.get("name", String.class),
                row.get("email", String.class), row.get("phone", String.class), row.get("department", String.class),
                row.get("role", String.class), row.get("status", String.class), row.get("nickname", String.class),
                row.get("gender", String.class), row.get("employee_id", String.class),
                row.get("position", String.class), row.get("entry_date", String.class),
                instant(row.get("joined_at", OffsetDateTime.class)),
                instant(row.get("erasure_due_at", OffsetDateTime.class)));
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec,
                                                             Map<String, Object> binds) {
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec;
    }
}
