package org.elearn.query.report.query;

import java.util.List;
import java.util.UUID;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.elearn.query.sealing.ProjectionCipher;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/operations/legal-hold}: for operators only, the learning records of trainees
 * whose processing is restricted. Their data is kept, not processed: it leaves every report, and
 * this view (besides the user's own personal-data export) is where it can still be seen, for
 * example to establish or defend a legal claim.
 */
@RestController
record LegalHoldController(DatabaseClient db, ProjectionCipher cipher) {

    @GetMapping(path = "/api/operations/legal-hold", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<HeldRow>> restricted(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                   @AuthenticationPrincipal Jwt caller) {
        Caller.requireAnyRole(caller, Roles.OPERATOR);
        return ReportSql.restricted(page, size).on(db)
                .map(row -> new HeldRow(row.get("organization_id", UUID.class), ReportSql.row(row))).all().collectList()
                .flatMap(held -> cipher.openRows(ReportSql.MEMBERS, held, h -> h.row().traineeId(),
                        (h, open) -> new HeldRow(h.organizationId(), h.row().opened(open))));
    }
}
