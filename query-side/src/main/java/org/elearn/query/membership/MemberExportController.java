package org.elearn.query.membership;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.elearn.query.jdbc.JsonRows;
import org.elearn.query.privacy.ProjectionCipher;
import org.elearn.query.web.CsvCells;
import org.elearn.query.web.ExportGate;
import org.elearn.support.security.Caller;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/organizations/{id}/members/export}: the organization's members as CSV for its
 * administrators, streamed from R2DBC a page at a time (constant memory; the sealed fields opened
 * off the event loop), with formula-like cells neutralized.
 */
@RestController
class MemberExportController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    /** The file's columns, in order; the header shows them in camelCase. */
    private static final List<String> COLUMNS = List.of("name", "email", "phone", "department", "role", "status",
            "employee_id", "position", "entry_date");

    private final DatabaseClient db;
    private final ExportGate gate;
    private final ProjectionCipher cipher;

    MemberExportController(DatabaseClient db, ExportGate gate, ProjectionCipher cipher) {
        this.db = db;
        this.gate = gate;
        this.cipher = cipher;
    }

    /** Written through the {@link ExportGate}, which holds a slot until the download has ended. */
    @GetMapping(path = "/api/organizations/{organizationId}/members/export", produces = "text/csv")
    Mono<Void> export(@PathVariable UUID organizationId, @AuthenticationPrincipal Jwt caller,
                      ServerHttpResponse response) {
        Caller.requireAdministratorOf(organizationId, caller);
        Flux<String> header = Flux.just(line(COLUMNS.stream().map(JsonRows::camelCase).toArray(String[]::new)));
        Flux<Map<String, Object>> members = db.sql("""
                        SELECT member_id, name, email, phone, department, role, status, employee_id, position, entry_date
                          FROM member_view WHERE organization_id = :org ORDER BY name, member_id""")
                .bind("org", organizationId)
                .map(row -> {
                    Map<String, Object> member = new LinkedHashMap<>();
                    member.put("memberId", row.get("member_id", UUID.class));
                    for (String column : COLUMNS) {
                        member.put(JsonRows.camelCase(column), row.get(column, String.class));
                    }
                    return member;
                })
                .all();
        Flux<String> rows = cipher.open("member_view", "memberId", members)
                .map(member -> line(COLUMNS.stream().map(column -> (String) member.get(JsonRows.camelCase(column)))
                        .toArray(String[]::new)));
        Flux<DataBuffer> body = Flux.concat(header, rows)
                .map(line -> DefaultDataBufferFactory.sharedInstance.wrap(line.getBytes(StandardCharsets.UTF_8)));
        return gate.download(response, Mono.just("members.csv"), CSV, body);
    }

    private static String line(String... cells) {
        Object[] safe = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = CsvCells.neutralize(cells[i]);
        }
        return FORMAT.format(safe) + "\r\n";
    }

}
