package org.elearn.query.report.projection;

import java.util.List;
import org.elearn.query.config.ReportsProperties;
import org.elearn.query.projection.Projection;
import org.elearn.query.rebuild.RebuildableProjection;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The live learning-report projection, and how to rebuild it into shadow tables. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportsProperties.class)
class ReportConfiguration {

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
                        + " AND " + Projection.fenced("trainee_id::text"));
                transaction.update("UPDATE " + ReportTables.SHADOW.enrolment() + " SET erased = true WHERE NOT erased"
                        + " AND " + Projection.fenced("trainee_id::text"));
            }
        };
    }
}
