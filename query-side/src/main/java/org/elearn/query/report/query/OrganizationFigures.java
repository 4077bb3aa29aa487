package org.elearn.query.report.query;

import java.time.LocalDate;
import java.util.List;

/**
 * An organization's figures: trainees active in the last 7 and 30 days, completions per UTC day
 * from {@code from} to {@code to} (days without any left out), learning hours by department (the
 * empty string for trainees without one).
 */
public record OrganizationFigures(long activeTrainees7Days, long activeTrainees30Days, LocalDate from, LocalDate to,
                                  List<DayCompletions> completionsPerDay,
                                  List<DepartmentHours> learningHoursByDepartment) {

    /** The courses completed on a UTC day. */
    public record DayCompletions(LocalDate day, long completions) {
    }

    /** A department's learning time in hours, to three decimals. */
    public record DepartmentHours(String department, double learningHours) {
    }
}
