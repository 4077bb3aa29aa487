package org.elearn.command.xapi.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The typed {@code learning.xapi.*} settings: defaults, names, checks. */
class XapiPropertiesTest {

    @EnableConfigurationProperties(XapiProperties.class)
    static class Enabled {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Enabled.class)
            .withPropertyValues("learning.xapi.account-home-page=https://lms.example");

    @Test
    void unsetPropertiesTakeTheDocumentedDefaults() {
        runner.run(context -> assertThat(context.getBean(XapiProperties.class))
                .isEqualTo(new XapiProperties(1000, 8, "https://lms.example")));
    }

    @Test
    void aBadValueStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("learning.xapi.max-concurrent-batches=0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("maxConcurrentBatches"));
        new ApplicationContextRunner().withUserConfiguration(Enabled.class).run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("accountHomePage"));
    }
}
