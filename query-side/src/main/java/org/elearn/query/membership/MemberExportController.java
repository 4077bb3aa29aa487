package org.elearn.query.membership;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.elearn.query.web.CsvCells;
import org.elearn.query.web.ExportGate;
import org.elearn.support.security.Caller;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/organizations/{id}/members/export}: the organization's members as CSV for its
 * administrators, streamed from {@link MemberQueries} a page at a time (constant memory), with
 * formula-like cells neutralized.
 */
@RestController
record MemberExportController(MemberQueries members, ExportGate gate) {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    /** The file's columns, in order. */
    private static final List<String> HEADER = List.of("name", "email", "phone", "department", "role", "status",
            "employeeId", "position", "entryDate");

    /** Written through the {@link ExportGate}, which holds a slot until the download has ended. */
    @GetMapping(path = "/api/organizations/{organizationId}/members/export", produces = "text/csv")
    Mono<Void> export(@PathVariable UUID organizationId, @AuthenticationPrincipal Jwt caller,
                      ServerHttpResponse response) {
        Caller.requireAdministratorOf(organizationId, caller);
        Flux<String> header = Flux.just(line(HEADER.toArray(String[]::new)));
        Flux<String> rows = members.all(organizationId).map(member -> line(member.name(), member.email(),
                member.phone(), member.department(), member.role(), member.status(), member.employeeId(),
                member.position(), member.entryDate()));
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
