package org.elearn.query.report.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.elearn.query.report.query.ReportRow;
import org.elearn.query.web.CsvCells;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The learning report as a spreadsheet a manager reads: the privacy statement's column names
 * (name, account, department, learning length, courses studied, course completion, completion
 * rate, exams taken, exam pass rate, then courses enrolled, status and last activity), typed cells
 * (learning length as a duration, rates as percentages, counts as whole numbers, last activity as a
 * UTC date and time), and a bold header row that stays in view and carries the filter buttons.
 * The CSV export keeps the API's field names, for programs.
 *
 * <p>Constant memory: rows go into POI's {@link SXSSFWorkbook}, which keeps a window of 100 rows
 * in memory and the rest in a temporary file, off the event loop; the finished file is streamed
 * and deleted.
 */
final class ReportWorkbook {

    /** How a column's cells are typed and shown. */
    enum Kind { TEXT, COUNT, DURATION, PERCENT, TIMESTAMP }

    /** A column: the report field it shows, the heading a reader sees, its kind and width in characters. */
    record Column(Function<ReportRow, Object> field, String heading, Kind kind, int width) {
    }

    static final List<Column> COLUMNS = List.of(
            new Column(ReportRow::name, "Name", Kind.TEXT, 28),
            new Column(ReportRow::email, "Account", Kind.TEXT, 32),
            new Column(ReportRow::department, "Department", Kind.TEXT, 18),
            new Column(ReportRow::learningSeconds, "Learning length", Kind.DURATION, 16),
            new Column(ReportRow::coursesStudied, "Courses studied", Kind.COUNT, 16),
            new Column(ReportRow::coursesCompleted, "Course completion", Kind.COUNT, 18),
            new Column(ReportRow::completionRate, "Completion rate", Kind.PERCENT, 16),
            new Column(ReportRow::examsTaken, "Exams taken", Kind.COUNT, 13),
            new Column(ReportRow::examPassRate, "Exam pass rate", Kind.PERCENT, 15),
            new Column(ReportRow::coursesEnrolled, "Courses enrolled", Kind.COUNT, 17),
            new Column(ReportRow::status, "Status", Kind.TEXT, 13),
            new Column(ReportRow::lastActivity, "Last activity (UTC)", Kind.TIMESTAMP, 19));

    /** Excel's formats: hours past 24 keep counting; rates have three decimals, so one shows in %. */
    static final Map<Kind, String> FORMATS = Map.of(Kind.COUNT, "0", Kind.DURATION, "[h]:mm:ss",
            Kind.PERCENT, "0.0%", Kind.TIMESTAMP, "yyyy-mm-dd hh:mm");

    private static final int WINDOW = 100;
    private static final double SECONDS_PER_DAY = 86_400;

    private ReportWorkbook() {
    }

    /** The workbook of these report rows, as the file's bytes. */
    static Flux<DataBuffer> write(Flux<ReportRow> rows) {
        return Flux.using(() -> Files.createTempFile("learning-report-", ".xlsx"),
                file -> Mono.using(() -> new SXSSFWorkbook(WINDOW),
                                workbook -> {
                                    Styles styles = new Styles(workbook);
                                    SXSSFSheet sheet = workbook.createSheet("Learning report");
                                    header(sheet, styles);
                                    int[] next = {1};
                                    return rows.publishOn(Schedulers.boundedElastic())
                                            .doOnNext(row -> write(sheet, next[0]++, row, styles))
                                            .then(Mono.fromCallable(() -> {
                                                sheet.setAutoFilter(new CellRangeAddress(0, next[0] - 1, 0,
                                                        COLUMNS.size() - 1));
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

    private static void header(SXSSFSheet sheet, Styles styles) {
        var row = sheet.createRow(0);
        for (int i = 0; i < COLUMNS.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(COLUMNS.get(i).heading());
            cell.setCellStyle(styles.header);
            sheet.setColumnWidth(i, COLUMNS.get(i).width() * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    /**
     * One trainee. Text is a string cell, which a spreadsheet never evaluates; text that would look
     * like a formula to someone editing it gets Excel's quote prefix as well. A missing value (a
     * rate with nothing to divide, no activity yet) leaves the cell empty.
     */
    private static void write(SXSSFSheet sheet, int index, ReportRow values, Styles styles) {
        var row = sheet.createRow(index);
        for (int i = 0; i < COLUMNS.size(); i++) {
            Column column = COLUMNS.get(i);
            Object value = column.field().apply(values);
            if (value == null) {
                continue;
            }
            Cell cell = row.createCell(i);
            switch (column.kind()) {
                case TEXT -> {
                    String text = value.toString();
                    cell.setCellValue(text);
                    if (CsvCells.isFormulaLike(text)) {
                        cell.setCellStyle(styles.quoted);
                    }
                }
                case DURATION -> cell.setCellValue(((Number) value).doubleValue() / SECONDS_PER_DAY);
                case TIMESTAMP -> cell.setCellValue(LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
                default -> cell.setCellValue(((Number) value).doubleValue());
            }
            if (column.kind() != Kind.TEXT) {
                cell.setCellStyle(styles.byKind.get(column.kind()));
            }
        }
    }

    /** A workbook holds at most 64,000 styles: one each, shared by every cell. */
    private static final class Styles {
        final CellStyle header;
        final CellStyle quoted;
        final Map<Kind, CellStyle> byKind = new EnumMap<>(Kind.class);

        Styles(SXSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            quoted = workbook.createCellStyle();
            quoted.setQuotePrefixed(true);
            var formats = workbook.createDataFormat();
            FORMATS.forEach((kind, format) -> {
                CellStyle style = workbook.createCellStyle();
                style.setDataFormat(formats.getFormat(format));
                byKind.put(kind, style);
            });
        }
    }
}
