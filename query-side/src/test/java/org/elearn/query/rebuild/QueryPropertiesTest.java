package org.elearn.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.elearn.query.config.ReportsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The typed {@code learning.rebuild.*} and {@code learning.reports.*} settings: defaults, names, checks. */
class QueryPropertiesTest {

    @EnableConfigurationProperties({RebuildProperties.class, ReportsProperties.class})
    static class Enabled {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Enabled.class);

    @Test
    void unsetPropertiesTakeTheDocumentedDefaults() {
        runner.run(context -> {
            assertThat(context.getBean(RebuildProperties.class))
                    .isEqualTo(new RebuildProperties(Duration.ofMinutes(2), 1000));
            assertThat(context.getBean(ReportsProperties.class)).isEqualTo(new ReportsProperties(1000,
                    Duration.ofSeconds(15), 250, Duration.ofMillis(100), 1000, new ReportsProperties.Export(4),
                    new ReportsProperties.PointInTime(2)));
        });
    }

    @Test
    void setPropertiesBindByTheirNames() {
        runner.withPropertyValues("learning.rebuild.batch-size=50", "learning.reports.export.concurrency=1",
                "learning.reports.point-in-time.concurrency=3", "learning.reports.stream-page-rows=1").run(context -> {
                    assertThat(context.getBean(RebuildProperties.class).batchSize()).isEqualTo(50);
                    ReportsProperties reports = context.getBean(ReportsProperties.class);
                    assertThat(reports.export().concurrency()).isEqualTo(1);
                    assertThat(reports.pointInTime().concurrency()).isEqualTo(3);
                    assertThat(reports.streamPageRows()).isEqualTo(1);
                });
    }

    @Test
    void aBadValueStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("learning.rebuild.batch-size=0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("batchSize"));
        runner.withPropertyValues("learning.reports.export.concurrency=0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("export.concurrency"));
    }
}
