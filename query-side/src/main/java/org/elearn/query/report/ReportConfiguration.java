package org.elearn.query.report;

import java.util.List;
import org.elearn.query.config.ReportsProperties;
import org.elearn.query.rebuild.RebuildableProjection;
import org.elearn.support.web.ConcurrencyGate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The live learning-report projection, and how to rebuild it into shadow tables. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportsProperties.class)
class ReportConfiguration {

    /**
     * Report streams open at once on this instance ({@code learning.reports.max-streams}, default
     * 1,000; a dashboard page opens two): each holds a subscription to the change feed, its pending
     * changes and a connection for as long as it lasts. One more gets {@code 503 streams-busy}.
     */
    @Bean
    ConcurrencyGate streamGate(ReportsProperties reports) {
        return new ConcurrencyGate(reports.maxStreams());
    }

    @Bean
    LearningReportProjection learningReportProjection(JdbcTemplate jdbc) {
        return new LearningReportProjection(jdbc, ReportTables.LIVE);
    }

    @Bean
    RebuildableProjection learningReportRebuild(JdbcTemplate jdbc) {
        return new RebuildableProjection() {
            @Override
            public String name() {
                return "learning-report";
            }

            @Override
            public List<String> tables() {
                return List.of(ReportTables.LIVE.trainee(), ReportTables.LIVE.enrolment());
            }

            @Override
            public Object shadowProjection() {
                return new LearningReportProjection(jdbc, ReportTables.SHADOW);
            }

            @Override
            public void beforeSwap(JdbcTemplate transaction) {
                // erasures that landed after the rebuild passed a subject's rows
                transaction.update("UPDATE " + ReportTables.SHADOW.trainee() + " SET erased = true WHERE NOT erased"
                        + " AND trainee_id::text IN (SELECT subject_id FROM data_subject_erasure)");
                transaction.update("UPDATE " + ReportTables.SHADOW.enrolment() + " SET erased = true WHERE NOT erased"
                        + " AND trainee_id::text IN (SELECT subject_id FROM data_subject_erasure)");
            }
        };
    }
}
