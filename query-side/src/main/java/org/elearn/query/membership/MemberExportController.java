package org.elearn.query.membership;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
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
 * administrators, streamed row by row from R2DBC (constant memory), with formula-like cells
 * neutralized.
 */
@RestController
class MemberExportController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private final DatabaseClient db;
    private final ExportGate gate;

    MemberExportController(DatabaseClient db, ExportGate gate) {
        this.db = db;
        this.gate = gate;
    }

    /** Written through the {@link ExportGate}, which holds a slot until the download has ended. */
    @GetMapping(path = "/api/organizations/{organizationId}/members/export", produces = "text/csv")
    Mono<Void> export(@PathVariable UUID organizationId, @AuthenticationPrincipal Jwt caller,
                      ServerHttpResponse response) {
        Caller.requireAdministratorOf(organizationId, caller);
        Flux<String> header = Flux.just(line("name", "email", "phone", "department", "role", "status", "employeeId",
                "position", "entryDate"));
        Flux<String> rows = db.sql("""
                        SELECT name, email, phone, department, role, status, employee_id, position, entry_date
                          FROM member_view WHERE organization_id = :org ORDER BY name, member_id""")
                .bind("org", organizationId)
                .map(row -> line(row.get("name", String.class), row.get("email", String.class),
                        row.get("phone", String.class), row.get("department", String.class),
                        row.get("role", String.class), row.get("status", String.class),
                        row.get("employee_id", String.class), row.get("position", String.class),
                        date(row.get("entry_date", LocalDate.class))))
                .all();
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

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
