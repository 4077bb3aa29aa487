package org.elearn.query.report.export;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.elearn.query.report.query.ReportAccess;
import org.elearn.query.report.query.ReportFilters;
import org.elearn.query.organization.OrganizationQueries;
import org.elearn.query.report.query.ReportQuery;
import org.elearn.query.report.query.ReportRow;
import org.elearn.query.report.query.ReportSql;
import org.elearn.query.sealing.ProjectionCipher;
import org.elearn.query.web.CsvCells;
import org.elearn.query.web.ExportGate;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/organizations/{org}/reports/learning/export?format=csv|xlsx}: the learning
 * report with the same filters and sort as the page, in one file named after the organization and
 * the day. The CSV is for programs: the API's field names and values, rows written as R2DBC
 * delivers them, cells that a spreadsheet would read as a formula neutralized. The XLSX is for
 * people ({@link ReportWorkbook}): headings, durations, percentages, a frozen and filtered header.
 */
@RestController
record ReportExportController(DatabaseClient db, ExportGate gate, ProjectionCipher cipher,
                              OrganizationQueries organizations) {

    /** A column of the CSV: its heading, the API's field name, and the row's value. */
    private record Column(String field, Function<ReportRow, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(new Column("name", ReportRow::name),
            new Column("email", ReportRow::email), new Column("department", ReportRow::department),
            new Column("status", ReportRow::status), new Column("learningSeconds", ReportRow::learningSeconds),
            new Column("coursesEnrolled", ReportRow::coursesEnrolled),
            new Column("coursesStudied", ReportRow::coursesStudied),
            new Column("coursesCompleted", ReportRow::coursesCompleted),
            new Column("completionRate", ReportRow::completionRate), new Column("examsTaken", ReportRow::examsTaken),
            new Column("examPassRate", ReportRow::examPassRate), new Column("lastActivity", ReportRow::lastActivity));
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /** Written through the {@link ExportGate}, which holds a slot until the download has ended. */
    @GetMapping(path = "/api/organizations/{organizationId}/reports/learning/export")
    Mono<Void> export(
            @PathVariable UUID organizationId,
            @RequestParam(defaultValue = "csv") @Pattern(regexp = "csv|xlsx") String format,
            @Valid ReportFilters filters,
            @RequestParam(defaultValue = "name,asc") @Pattern(regexp = ReportQuery.SORT) String sort,
            @AuthenticationPrincipal Jwt caller,
            ServerHttpResponse response) {
        UUID onlyTrainee = ReportAccess.learningScope(organizationId, caller);
        ReportQuery query = filters.query(organizationId, onlyTrainee);
        Flux<ReportRow> rows = cipher.openRows(ReportSql.MEMBERS,
                ReportSql.live(query).sorted(sort).on(db).map(ReportSql::row).all(), ReportRow::traineeId,
                ReportRow::opened);
        boolean csv = format.equals("csv");
        return gate.download(response, fileName(organizationId, format), csv ? CSV : XLSX,
                csv ? csv(rows) : ReportWorkbook.write(rows));
    }

    private static List<Object> cells(ReportRow row) {
        return COLUMNS.stream().map(column -> {
            Object value = column.value().apply(row);
            return value == null ? "" : value;
        }).toList();
    }

    /** {@code learning-report-<organization name>-<UTC date>.<format>}, the name reduced to [a-z0-9-]. */
    private Mono<String> fileName(UUID organizationId, String format) {
        return organizations.byId(organizationId).map(OrganizationQueries.Organization::name)
                .defaultIfEmpty("organization")
                .map(name -> {
                    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
                    return "learning-report-" + (slug.isEmpty() ? "organization" : slug) + "-"
                            + LocalDate.now(ZoneOffset.UTC) + "." + format;
                });
    }

    private static Flux<DataBuffer> csv(Flux<ReportRow> rows) {
        return Flux.concat(Flux.just(COLUMNS.stream().map(column -> (Object) column.field()).toList()),
                        rows.map(ReportExportController::cells))
                .map(cells -> {
                    Object[] safe = cells.stream().map(c -> c instanceof String text ? CsvCells.neutralize(text) : c)
                            .toArray();
                    return DefaultDataBufferFactory.sharedInstance.wrap(
                            (CSVFormat.RFC4180.format(safe) + "\r\n").getBytes(StandardCharsets.UTF_8));
                });
    }
}
