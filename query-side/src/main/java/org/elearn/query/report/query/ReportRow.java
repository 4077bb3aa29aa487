package org.elearn.query.report.query;

import java.time.Instant;
import java.util.UUID;
import org.elearn.query.sealing.ProjectionCipher;

/**
 * A trainee's row of the learning report, as the page, the exports, the streams, the past states
 * and the legal hold show it ({@link ReportSql#row} reads it). Rates are to three decimals, and
 * null when there is nothing to divide; {@code lastActivity} is null before any activity.
 *
 * @param email the member's email: sealed at rest, so read sealed and shown once {@link #opened}
 */
public record ReportRow(UUID traineeId, String name, String email, String department, String status,
                        long learningSeconds, Integer coursesEnrolled, Integer coursesStudied,
                        Integer coursesCompleted, Double completionRate, Integer examsTaken, Double examPassRate,
                        Instant lastActivity) {

    /** The same row with its email opened under its trainee's key ({@link ReportSql#MEMBERS}). */
    public ReportRow opened(ProjectionCipher.Opener open) {
        return new ReportRow(traineeId, name, open.text("email", email), department, status, learningSeconds,
                coursesEnrolled, coursesStudied, coursesCompleted, completionRate, examsTaken, examPassRate,
                lastActivity);
    }
}
