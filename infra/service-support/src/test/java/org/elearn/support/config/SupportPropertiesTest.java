package org.elearn.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.elearn.support.axon.EventStoreProperties;
import org.elearn.support.axon.ProcessorsProperties;
import org.elearn.support.privacy.PrivacyProperties;
import org.elearn.support.secrets.SecretsProperties;
import org.elearn.support.web.HttpProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** The typed {@code learning.*} settings of service-support: their defaults, and a bad value stopping the start. */
class SupportPropertiesTest {

    @EnableConfigurationProperties({HttpProperties.class, ProcessorsProperties.class, EventStoreProperties.class,
            PrivacyProperties.class, SecretsProperties.class})
    static class Enabled {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Enabled.class)
            .withPropertyValues("learning.secrets.dir=target/secrets");

    @Test
    void unsetPropertiesTakeTheDocumentedDefaults() {
        runner.run(context -> {
            assertThat(context.getBean(HttpProperties.class))
                    .isEqualTo(new HttpProperties(DataSize.ofMegabytes(1), DataSize.ofMegabytes(16), Set.of()));
            assertThat(context.getBean(ProcessorsProperties.class))
                    .isEqualTo(new ProcessorsProperties(Duration.ofSeconds(2), Duration.ofMinutes(2)));
            assertThat(context.getBean(EventStoreProperties.class).fetchDelay()).isEqualTo(Duration.ofMillis(100));
            assertThat(context.getBean(PrivacyProperties.class).compactionDelay()).isEqualTo(Duration.ofSeconds(30));
            assertThat(context.getBean(SecretsProperties.class).dir()).isEqualTo(Path.of("target/secrets"));
        });
    }

    @Test
    void setPropertiesBindByTheirNames() {
        runner.withPropertyValues("learning.http.max-upload-size=2MB", "learning.http.bulk-paths=/a,/b",
                "learning.processors.failing-window=5s").run(context -> {
                    assertThat(context.getBean(HttpProperties.class).maxUploadSize()).isEqualTo(DataSize.ofMegabytes(2));
                    assertThat(context.getBean(HttpProperties.class).bulkPaths()).containsExactlyInAnyOrder("/a", "/b");
                    assertThat(context.getBean(ProcessorsProperties.class).failingWindow())
                            .isEqualTo(Duration.ofSeconds(5));
                });
    }

    @Test
    void aBadValueStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("learning.processors.heartbeat-interval=0s").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("heartbeatInterval"));
        runner.withPropertyValues("learning.http.max-body-size=0B").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("learning.http.max-body-size"));
        runner.withPropertyValues("learning.secrets.dir=").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("dir"));
    }
}
