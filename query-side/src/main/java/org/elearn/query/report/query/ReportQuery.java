package org.elearn.query.report.query;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The parameters of one read of the learning report: the organization, the filters of the query
 * string ({@link ReportFilters}) and, for a trainee, their own id. Each becomes a bound parameter
 * of the report's SQL ({@link ReportSql}).
 *
 * @param organization the organization whose report it is
 * @param department only this department
 * @param course only trainees enrolled in this course
 * @param from only trainees active on or after this UTC day
 * @param to only trainees whose last activity is on or before this UTC day
 * @param status {@code ACTIVE} or {@code DEACTIVATED}
 * @param onlyTrainee only this trainee's own row; null for every row
 */
public record ReportQuery(UUID organization, String department, UUID course, LocalDate from, LocalDate to,
                          String status, UUID onlyTrainee) {

    /** The sort parameter of a page or an export: a column and a direction. */
    public static final String SORT = "(name|department|learningSeconds|coursesCompleted|completionRate|examPassRate|"
            + "lastActivity),(asc|desc)";

    /** Whether a filter can leave rows of the organization out (the trainee's own id aside). */
    public boolean filtered() {
        return department != null || status != null || from != null || to != null || course != null;
    }
}
