package org.elearn.query.report.query;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.elearn.query.sealing.ProjectionCipher;
import org.elearn.query.web.Paged;
import org.springframework.format.annotation.DateTimeFormat;
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
 * The learning report of an organization: one row per trainee, course
 * statistics and organization figures. An administrator sees their organization; a trainee sees
 * only their own row; an instructor sees the statistics of their own courses. Erased trainees
 * leave the named rows and keep counting in the aggregates. Read through R2DBC; sort columns come
 * from a fixed list and every value is a bound parameter.
 */
@RestController
record ReportController(DatabaseClient db, ProjectionCipher cipher, ReportFigures figures) {

    @GetMapping(path = "/api/organizations/{organizationId}/reports/learning", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Paged<ReportRow>> learning(
            @PathVariable UUID organizationId,
            @Valid ReportFilters filters,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @RequestParam(defaultValue = "name,asc") @Pattern(regexp = ReportQuery.SORT) String sort,
            @AuthenticationPrincipal Jwt caller) {
        UUID onlyTrainee = ReportAccess.learningScope(organizationId, caller);
        ReportQuery query = filters.query(organizationId, onlyTrainee);
        ReportSql sql = ReportSql.live(query);
        Mono<List<ReportRow>> rows = sql.page(sort, page, size).on(db).map(ReportSql::row).all().collectList()
                .flatMap(trainees -> cipher.openRows(ReportSql.MEMBERS, trainees, ReportRow::traineeId,
                        ReportRow::opened));
        Mono<Long> total = sql.total().on(db).map(row -> row.get("total", Long.class)).one();
        return Paged.of(rows, total, page, size);
    }

    @GetMapping(path = "/api/organizations/{organizationId}/reports/courses", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<CourseFigures>> courses(@PathVariable UUID organizationId,
                                      @RequestParam(required = false) UUID courseId,
                                      @AuthenticationPrincipal Jwt caller) {
        return figures.courses(organizationId, courseId, caller);
    }

    @GetMapping(path = "/api/organizations/{organizationId}/reports/organization",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<OrganizationFigures> organization(
            @PathVariable UUID organizationId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @AuthenticationPrincipal Jwt caller) {
        return figures.organization(organizationId, from, to, caller);
    }
}
