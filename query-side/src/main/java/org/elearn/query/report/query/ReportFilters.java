package org.elearn.query.report.query;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The filters of the learning report, bound from the query string of the page, the export and the
 * streams alike.
 *
 * @param department only this department
 * @param courseId only trainees enrolled in this course
 * @param from only trainees active on or after this UTC day
 * @param to only trainees whose last activity is on or before this UTC day
 * @param status {@code ACTIVE} or {@code DEACTIVATED}
 */
public record ReportFilters(@Size(max = 100) String department,
                            UUID courseId,
                            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                            @Pattern(regexp = "ACTIVE|DEACTIVATED") String status) {

    /** These filters for the organization's report, or only {@code onlyTrainee}'s row unless null. */
    public ReportQuery query(UUID organizationId, UUID onlyTrainee) {
        return new ReportQuery(organizationId, department, courseId, from, to, status, onlyTrainee);
    }
}
