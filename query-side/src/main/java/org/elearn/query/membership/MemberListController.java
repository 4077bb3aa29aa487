package org.elearn.query.membership;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.query.privacy.ProjectionCipher;
import org.elearn.support.security.Caller;
import org.elearn.query.web.Paged;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/organizations/{id}/members}: the organization's members for its administrators,
 * filtered by department, role and status, searched by text in the name or by the whole email (its
 * blind index: emails are sealed at rest), sorted and paged. Read through R2DBC, the sealed fields
 * opened off the event loop; the sort column comes from a fixed list, every value is a bound parameter.
 */
@RestController
class MemberListController {

    private static final Map<String, String> SORTABLE = Map.of("name", "name",
            "department", "department", "status", "status", "joinedAt", "joined_at");

    private final DatabaseClient db;
    private final ProjectionCipher cipher;

    MemberListController(DatabaseClient db, ProjectionCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    @GetMapping(path = "/api/organizations/{organizationId}/members", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> members(
            @PathVariable UUID organizationId,
            @RequestParam(required = false) @Size(max = 100) String department,
            @RequestParam(required = false) @Pattern(regexp = "TRAINEE|INSTRUCTOR") String role,
            @RequestParam(required = false) @Pattern(regexp = "ACTIVE|DEACTIVATED") String status,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            @RequestParam(defaultValue = "name,asc")
            @Pattern(regexp = "(name|department|status|joinedAt),(asc|desc)") String sort,
            @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        StringBuilder where = new StringBuilder(" FROM member_view WHERE organization_id = :org");
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("org", organizationId);
        if (department != null) {
            where.append(" AND department = :department");
            binds.put("department", department);
        }
        if (role != null) {
            where.append(" AND role = :role");
            binds.put("role", role);
        }
        if (status != null) {
            where.append(" AND status = :status");
            binds.put("status", status);
        }
        if (q != null && !q.isBlank()) {
            where.append(" AND (name ILIKE :q OR email_index = :emailIndex)");
            binds.put("q", "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            binds.put("emailIndex", cipher.emailIndex(q));
        }
        String[] order = sort.split(",");
        String select = "SELECT member_id, name, email, phone, department, role, status, nickname, gender, employee_id, "
                + "position, entry_date, joined_at, erasure_due_at" + where + " ORDER BY " + SORTABLE.get(order[0]) + " "
                + order[1].toUpperCase() + ", member_id LIMIT :limit OFFSET :offset";
        DatabaseClient.GenericExecuteSpec items = bindAll(db.sql(select), binds)
                .bind("limit", size).bind("offset", (long) page * size);
        DatabaseClient.GenericExecuteSpec count = bindAll(db.sql("SELECT count(*) AS total" + where), binds);
        Mono<List<Map<String, Object>>> rows = items.map(row -> {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("memberId", row.get("member_id", UUID.class));
            member.put("name", row.get("name", String.class));
            member.put("email", row.get("email", String.class));
            member.put("phone", row.get("phone", String.class));
            member.put("department", row.get("department", String.class));
            member.put("role", row.get("role", String.class));
            member.put("status", row.get("status", String.class));
            member.put("nickname", row.get("nickname", String.class));
            member.put("gender", row.get("gender", String.class));
            member.put("employeeId", row.get("employee_id", String.class));
            member.put("position", row.get("position", String.class));
            member.put("entryDate", row.get("entry_date", String.class));
            member.put("joinedAt", row.get("joined_at", OffsetDateTime.class).toInstant());
            OffsetDateTime erasureDueAt = row.get("erasure_due_at", OffsetDateTime.class);
            member.put("cancellationErasureDueAt", erasureDueAt == null ? null : erasureDueAt.toInstant());
            return member;
        }).all().collectList().flatMap(members -> cipher.open("member_view", "memberId", members));
        Mono<Long> total = count.map(row -> row.get("total", Long.class)).one();
        return Paged.body(rows, total, page, size);
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec,
                                                             Map<String, Object> binds) {
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec;
    }
}
