package org.elearn.query.report.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.elearn.query.report.query.ReportRow;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

/**
 * The XLSX export is a sheet a manager reads: read back with POI, it has the privacy statement's
 * headings, typed cells with duration, percent and whole-number formats, and a frozen, filtered
 * header row. The HTTP route (file name, filters, access) is covered by {@code LearningFlowIT}.
 */
class ReportWorkbookTest {

    @Test
    void theSheetHasReadableHeadingsTypedCellsAndAFrozenFilteredHeader() throws Exception {
        ReportRow tess = new ReportRow(UUID.randomUUID(), "Tess Trainee", "tess@acme.example", "Warehouse", "ACTIVE",
                93_784L, 3, 2, 2, 0.667, 4, 0.5, Instant.parse("2025-03-04T05:06:07Z"));
        ReportRow formula = new ReportRow(UUID.randomUUID(), "=HYPERLINK(\"http://x.example\")", "eq@acme.example",
                "+44 20 7946 0000", "ACTIVE", 0L, 0, 0, 0, null, 0, null, null);

        try (XSSFWorkbook workbook = read(List.of(tess, formula))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("Learning report");
            Row header = sheet.getRow(0);
            assertThat(header.getPhysicalNumberOfCells()).isEqualTo(12);
            assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8).stream().map(i -> header.getCell(i).getStringCellValue()))
                    .containsExactly("Name", "Account", "Department", "Learning length", "Courses studied",
                            "Course completion", "Completion rate", "Exams taken", "Exam pass rate");
            assertThat(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();

            // the header stays in view and carries the filter buttons over every row
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(sheet.getPaneInformation().getVerticalSplitPosition()).isZero();
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:L3");

            Row row = sheet.getRow(1);
            DataFormatter shown = new DataFormatter(java.util.Locale.ROOT);
            Cell learning = row.getCell(3);
            assertThat(learning.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(learning.getNumericCellValue()).isEqualTo(93_784 / 86_400.0);
            assertThat(learning.getCellStyle().getDataFormatString()).isEqualTo("[h]:mm:ss");
            assertThat(shown.formatCellValue(learning)).isEqualTo("26:03:04");
            Cell studied = row.getCell(4);
            assertThat(studied.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(studied.getCellStyle().getDataFormatString()).isEqualTo("0");
            assertThat(shown.formatCellValue(studied)).isEqualTo("2");
            Cell completion = row.getCell(6);
            assertThat(completion.getNumericCellValue()).isEqualTo(0.667);
            assertThat(completion.getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(shown.formatCellValue(completion)).isEqualTo("66.7%");
            assertThat(shown.formatCellValue(row.getCell(8))).isEqualTo("50.0%");
            assertThat(row.getCell(11).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.parse("2025-03-04T05:06:07"));
            assertThat(shown.formatCellValue(row.getCell(11))).isEqualTo("2025-03-04 05:06");
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("Tess Trainee");
            assertThat(row.getCell(0).getCellStyle().getQuotePrefixed()).isFalse();

            // text stays text: a formula-like name is quote-prefixed, a phone-like value kept as typed
            Row second = sheet.getRow(2);
            assertThat(second.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(second.getCell(0).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://x.example\")");
            assertThat(second.getCell(0).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(second.getCell(2).getStringCellValue()).isEqualTo("+44 20 7946 0000");
            assertThat(second.getCell(2).getCellStyle().getQuotePrefixed()).isFalse();
            // no rate without a course or an exam, no activity yet: empty cells rather than 0 % or text
            assertThat(second.getCell(6)).isNull();
            assertThat(second.getCell(8)).isNull();
            assertThat(second.getCell(11)).isNull();
        }
    }

    @Test
    void anEmptyReportStillHasItsHeader() throws Exception {
        try (XSSFWorkbook workbook = read(List.of())) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isZero();
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Name");
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:L1");
        }
    }

    private static XSSFWorkbook read(List<ReportRow> rows) throws java.io.IOException {
        var joined = DataBufferUtils.join(ReportWorkbook.write(Flux.fromIterable(rows))).block();
        byte[] bytes = new byte[joined.readableByteCount()];
        joined.read(bytes);
        DataBufferUtils.release(joined);
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }
}
