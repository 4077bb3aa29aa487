package org.elearn.query.report.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.query.report.pointintime.PointInTimePage;
import org.elearn.query.web.Paged;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The report's records are written as the maps the API showed before them: the same field names
 * in the same order, nulls written as null, numbers as numbers, times and days as ISO text. Each
 * record is compared with the map of the same values, and its field names are listed.
 */
class ReportRecordsJsonTest {

    private final ObjectMapper mapper = Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private static final UUID TRAINEE = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final Instant LAST = Instant.parse("2025-03-04T05:06:07Z");

    private static final ReportRow ROW = new ReportRow(TRAINEE, "Tess", "tess@acme.example", null, "ACTIVE", 93L, 3,
            2, 1, 0.333, 0, null, LAST);

    private static Map<String, Object> rowMap() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("traineeId", TRAINEE);
        row.put("name", "Tess");
        row.put("email", "tess@acme.example");
        row.put("department", null);
        row.put("status", "ACTIVE");
        row.put("learningSeconds", 93L);
        row.put("coursesEnrolled", 3);
        row.put("coursesStudied", 2);
        row.put("coursesCompleted", 1);
        row.put("completionRate", 0.333);
        row.put("examsTaken", 0);
        row.put("examPassRate", null);
        row.put("lastActivity", LAST);
        return row;
    }

    @Test
    void aTraineesRowAndItsPage() throws Exception {
        assertThat(fields(ROW)).containsExactly("traineeId", "name", "email", "department", "status",
                "learningSeconds", "coursesEnrolled", "coursesStudied", "coursesCompleted", "completionRate",
                "examsTaken", "examPassRate", "lastActivity");
        assertThat(mapper.writeValueAsString(ROW)).isEqualTo(mapper.writeValueAsString(rowMap()))
                .contains("\"department\":null", "\"examPassRate\":null", "\"completionRate\":0.333",
                        "\"lastActivity\":\"2025-03-04T05:06:07Z\"");

        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", List.of(rowMap()));
        page.put("page", 2);
        page.put("size", 50);
        page.put("total", 101L);
        assertThat(mapper.writeValueAsString(new Paged<>(List.of(ROW), 2, 50, 101)))
                .isEqualTo(mapper.writeValueAsString(page));
    }

    @Test
    void aHeldRowIsItsOrganizationThenTheRowAtTheSameLevel() throws Exception {
        Map<String, Object> held = new LinkedHashMap<>();
        held.put("organizationId", ORG);
        held.putAll(rowMap());
        HeldRow row = new HeldRow(ORG, ROW);
        assertThat(fields(row)).startsWith("organizationId", "traineeId", "name").hasSize(14);
        assertThat(mapper.writeValueAsString(row)).isEqualTo(mapper.writeValueAsString(held));
    }

    @Test
    void aPastPage() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asOf", LAST);
        body.put("eventsReplayed", 12L);
        body.put("items", List.of(rowMap()));
        body.put("page", 0);
        body.put("size", 50);
        body.put("total", 1L);
        PointInTimePage page = new PointInTimePage(LAST, 12, List.of(ROW), 0, 50, 1);
        assertThat(fields(page)).containsExactly("asOf", "eventsReplayed", "items", "page", "size", "total");
        assertThat(mapper.writeValueAsString(page)).isEqualTo(mapper.writeValueAsString(body));
    }

    @Test
    void aCoursesStatistics() throws Exception {
        UUID course = UUID.randomUUID();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("courseId", course);
        map.put("title", "Safety");
        map.put("status", "PUBLISHED");
        map.put("enrolled", 4L);
        map.put("started", 3L);
        map.put("completed", 2L);
        map.put("averageScore", 81.5);
        map.put("passRate", null);
        CourseFigures figures = new CourseFigures(course, "Safety", "PUBLISHED", 4, 3, 2, 81.5, null);
        assertThat(fields(figures)).containsExactly("courseId", "title", "status", "enrolled", "started",
                "completed", "averageScore", "passRate");
        assertThat(mapper.writeValueAsString(figures)).isEqualTo(mapper.writeValueAsString(map));
    }

    @Test
    void anOrganizationsFigures() throws Exception {
        LocalDate from = LocalDate.parse("2025-03-01");
        LocalDate to = LocalDate.parse("2025-03-30");
        Map<String, Object> day = new LinkedHashMap<>();
        day.put("day", from);
        day.put("completions", 5L);
        Map<String, Object> department = new LinkedHashMap<>();
        department.put("department", "");
        department.put("learningHours", 1.5);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("activeTrainees7Days", 2L);
        map.put("activeTrainees30Days", 7L);
        map.put("from", from);
        map.put("to", to);
        map.put("completionsPerDay", List.of(day));
        map.put("learningHoursByDepartment", List.of(department));
        OrganizationFigures figures = new OrganizationFigures(2, 7, from, to,
                List.of(new OrganizationFigures.DayCompletions(from, 5)),
                List.of(new OrganizationFigures.DepartmentHours("", 1.5)));
        assertThat(fields(figures)).containsExactly("activeTrainees7Days", "activeTrainees30Days", "from", "to",
                "completionsPerDay", "learningHoursByDepartment");
        assertThat(fields(figures.completionsPerDay().get(0))).containsExactly("day", "completions");
        assertThat(fields(figures.learningHoursByDepartment().get(0))).containsExactly("department",
                "learningHours");
        assertThat(mapper.writeValueAsString(figures)).isEqualTo(mapper.writeValueAsString(map))
                .contains("\"from\":\"2025-03-01\"");
    }

    @Test
    void ratesAreRoundedToThreeDecimals() {
        assertThat(ReportSql.rounded(2.0 / 3)).isEqualTo(0.667);
        assertThat(ReportSql.rounded(null)).isNull();
    }

    private List<String> fields(Object value) {
        List<String> names = new ArrayList<>();
        mapper.valueToTree(value).fieldNames().forEachRemaining(names::add);
        return names;
    }
}
