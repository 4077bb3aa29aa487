package org.elearn.query.report.pointintime;

import java.time.Instant;
import java.util.List;
import org.elearn.query.report.query.ReportRow;

/**
 * A page of the learning report as it was at {@code asOf}, with the number of events replayed to
 * rebuild it, and the live page's {@code items, page, size, total}.
 */
public record PointInTimePage(Instant asOf, long eventsReplayed, List<ReportRow> items, int page, int size,
                              long total) {
}
