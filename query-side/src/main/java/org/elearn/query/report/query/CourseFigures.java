package org.elearn.query.report.query;

import java.util.UUID;

/**
 * A course's statistics: enrolments, starts and completions counted, the average exam score and
 * the exam pass rate to three decimals (null with no attempt).
 */
public record CourseFigures(UUID courseId, String title, String status, long enrolled, long started,
                            long completed, Double averageScore, Double passRate) {
}
