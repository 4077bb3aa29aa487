package org.elearn.query.report;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.elearn.query.web.CsvCells;
import org.elearn.query.web.ExportGate;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
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
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/organizations/{org}/reports/learning/export?format=csv|xlsx}: the learning
 * report with the same filters and sort as the page, in one file named after the organization and
 * the day. Constant memory: CSV rows are written as R2DBC delivers them; XLSX goes through POI's
 * {@link SXSSFWorkbook}, which keeps a window of 100 rows in memory and the rest in a temporary
 * file, then streams the file. Cells that a spreadsheet would read as a formula are neutralized.
 */
@RestController
class ReportExportController {

    static final List<String> COLUMNS = List.of("name", "email", "department", "status", "learningSeconds",
            "coursesEnrolled", "coursesStudied", "coursesCompleted", "completionRate", "examsTaken", "examPassRate",
            "lastActivity");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final int WINDOW = 100;

    private final DatabaseClient db;
    private final ExportGate gate;

    ReportExportController(DatabaseClient db, ExportGate gate) {
        this.db = db;
        this.gate = gate;
    }

    /** Written through the {@link ExportGate}, which holds a slot until the download has ended. */
    @GetMapping(path = "/api/organizations/{organizationId}/reports/learning/export")
    Mono<Void> export(
            @PathVariable UUID organizationId,
            @RequestParam(defaultValue = "csv") @Pattern(regexp = "csv|xlsx") String format,
            @Valid ReportFilters filters,
            @RequestParam(defaultValue = "name,asc") @Pattern(regexp = ReportController.SORT) String sort,
            @AuthenticationPrincipal Jwt caller,
            ServerHttpResponse response) {
        UUID onlyTrainee = ReportController.learningScope(organizationId, caller);
        ReportController.ReportQuery query = filters.query(organizationId, onlyTrainee);
        Flux<List<Object>> rows = query.bind(db.sql(ReportController.ReportQuery.SELECT + query.where()
                        + " ORDER BY " + ReportController.orderBy(sort)))
                .map(row -> cells(ReportController.ReportQuery.row(row))).all();
        boolean csv = format.equals("csv");
        return gate.download(response, fileName(organizationId, format), csv ? CSV : XLSX, csv ? csv(rows) : xlsx(rows));
    }

    private static List<Object> cells(Map<String, Object> row) {
        return COLUMNS.stream().map(column -> {
            Object value = row.get(column);
            return value == null ? "" : (Object) value;
        }).toList();
    }

    /** {@code learning-report-<organization name>-<UTC date>.<format>}, the name reduced to [a-z0-9-]. */
    private Mono<String> fileName(UUID organizationId, String format) {
        return db.sql("SELECT name FROM organization_view WHERE organization_id = :org").bind("org", organizationId)
                .map(row -> row.get("name", String.class)).one().defaultIfEmpty("organization")
                .map(name -> {
                    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
                    return "learning-report-" + (slug.isEmpty() ? "organization" : slug) + "-"
                            + LocalDate.now(ZoneOffset.UTC) + "." + format;
                });
    }

    private static Flux<DataBuffer> csv(Flux<List<Object>> rows) {
        return Flux.concat(Flux.just(COLUMNS.stream().map(Object.class::cast).toList()), rows)
                .map(cells -> {
                    Object[] safe = cells.stream().map(c -> c instanceof String text ? CsvCells.neutralize(text) : c)
                            .toArray();
                    return DefaultDataBufferFactory.sharedInstance.wrap(
                            (CSVFormat.RFC4180.format(safe) + "\r\n").getBytes(StandardCharsets.UTF_8));
                });
    }

    /**
     * Rows go into the workbook off the event loop (POI writes its window to disk); the finished
     * file is streamed and deleted. Text that looks like a formula gets Excel's quote prefix, so it
     * shows as typed and is never evaluated.
     */
    private static Flux<DataBuffer> xlsx(Flux<List<Object>> rows) {
        return Flux.using(() -> Files.createTempFile("learning-report-", ".xlsx"),
                file -> Mono.using(() -> new SXSSFWorkbook(WINDOW),
                                workbook -> {
                                    SXSSFSheet sheet = workbook.createSheet("Learning report");
                                    CellStyle quoted = workbook.createCellStyle();
                                    quoted.setQuotePrefixed(true);
                                    write(sheet.createRow(0), COLUMNS.stream().map(Object.class::cast).toList(), quoted);
                                    int[] next = {1};
                                    return rows.publishOn(Schedulers.boundedElastic())
                                            .doOnNext(cells -> write(sheet.createRow(next[0]++), cells, quoted))
                                            .then(Mono.fromCallable(() -> {
                                                try (OutputStream out = Files.newOutputStream(file)) {
                                                    workbook.write(out);
                                                }
                                                return file;
                                            }));
                                },
                                SXSSFWorkbook::dispose)
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMapMany(written -> DataBufferUtils.read(written, DefaultDataBufferFactory.sharedInstance,
                                64 * 1024)),
                file -> Schedulers.boundedElastic().schedule(() -> {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }))
                .subscribeOn(Schedulers.boundedElastic()); // the temporary file is created off the event loop
    }

    private static void write(Row row, List<Object> cells, CellStyle quoted) {
        for (int i = 0; i < cells.size(); i++) {
            Object value = cells.get(i);
            var cell = row.createCell(i);
            if (value instanceof Number number) {
                cell.setCellValue(number.doubleValue());
            } else {
                String text = String.valueOf(value);
                cell.setCellValue(text);
                if (!text.equals(CsvCells.neutralize(text))) {
                    cell.setCellStyle(quoted);
                }
            }
        }
    }
}
