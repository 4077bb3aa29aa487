package org.elearn.query.report.pointintime;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.elearn.query.QueryErrors;
import org.elearn.query.config.ReportsProperties;
import org.elearn.query.consistency.HistoryReplay;
import org.elearn.query.report.projection.LearningReportProjection;
import org.elearn.query.report.projection.ReportTables;
import org.elearn.query.report.query.ReportQuery;
import org.elearn.query.report.query.ReportRow;
import org.elearn.query.report.query.ReportSql;
import org.elearn.query.sealing.ProjectionCipher;
import org.elearn.support.web.ConcurrencyGate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The learning report of an organization as it was at a past instant: the history up to that
 * instant is replayed into temporary tables (private to one connection, dropped at the end of its
 * transaction) by the same projection code as the live report, then read with the live report's
 * query. Only events of the projection's types are deserialized, and only those of the
 * organization are applied. Names come from today's member list, so erased trainees stay out.
 * The cost grows with the history (every event up to the instant is read); at most
 * {@code learning.reports.point-in-time.concurrency} replays run at once, others are told to retry.
 */
@Component
class PointInTimeReports {

    private static final int BATCH = 1000;

    private final EventStorageEngine events;
    private final JdbcTemplate jdbc;
    private final ProjectionCipher cipher;
    private final TransactionTemplate tx;
    private final ConcurrencyGate replays;

    PointInTimeReports(EventStorageEngine events, JdbcTemplate jdbc, TransactionTemplate tx, ProjectionCipher cipher,
                       ReportsProperties reports) {
        this.events = events;
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.tx = tx;
        this.replays = new ConcurrencyGate(reports.pointInTime().concurrency());
    }

    /** The page of the report as of {@code at}, with the number of events replayed; blocking. */
    PointInTimePage learning(ReportQuery query, Instant at, String sort, int page, int size) {
        if (!replays.tryAcquire()) {
            throw QueryErrors.REPLAYS_BUSY.refusal("Other point-in-time reports are being replayed; try again shortly.");
        }
        try {
            return tx.execute(status -> {
                long replayed = replay(LearningReportProjection.intoTemporaryTables(jdbc), query.organization(), at);
                ReportSql sql = ReportSql.in(ReportTables.TEMPORARY, query);
                ReportSql.Statement items = sql.page(sort, page, size);
                ReportSql.Statement count = sql.total();
                NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
                List<ReportRow> rows = cipher.openRowsNow(ReportSql.MEMBERS,
                        named.query(items.sql(), items.parameters(), (rs, i) -> ReportSql.row(new ResultSetRow(rs))),
                        ReportRow::traineeId, ReportRow::opened);
                Long total = named.queryForObject(count.sql(), count.parameters(), Long.class);
                return new PointInTimePage(at, replayed, rows, page, size, total);
            });
        } finally {
            replays.release();
        }
    }

    /** Applies the organization's events up to {@code at}, in global order, a batch per unit of work. */
    private long replay(LearningReportProjection projection, UUID organization, Instant at) {
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection);
        long replayed = 0;
        try (Stream<? extends TrackedEventMessage<?>> history = events.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = history.iterator();
            List<EventMessage<?>> batch = new ArrayList<>(BATCH);
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                if (event.getTimestamp().isAfter(at) || !handler.canHandleType(event.getPayloadType())) {
                    continue; // commit order and time stamps may differ slightly: read on to the head
                }
                if (!HistoryReplay.concerns(event, organization)) {
                    continue;
                }
                batch.add(event);
                if (batch.size() == BATCH) {
                    replayed += HistoryReplay.apply(handler, batch);
                }
            }
            replayed += HistoryReplay.apply(handler, batch);
        }
        return replayed;
    }

    /** A JDBC row read through the R2DBC row interface, so both share one row mapping. */
    private record ResultSetRow(ResultSet rs) implements io.r2dbc.spi.Readable {

        @Override
        public <T> T get(int index, Class<T> type) {
            try {
                return rs.getObject(index + 1, type);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public <T> T get(String name, Class<T> type) {
            try {
                return rs.getObject(name, type);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
