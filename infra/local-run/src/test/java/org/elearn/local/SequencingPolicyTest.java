package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.config.EventProcessingConfiguration;
import org.elearn.events.privacy.DataSubjectSequencingPolicy;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every event processor of both services orders events by data subject. Axon's Spring Boot support
 * silently gives any processor named in the properties the per-aggregate policy unless the
 * properties name ours; this test catches a processor added without it.
 */
class SequencingPolicyTest {

    @Test
    void everyProcessorSequencesByDataSubject() {
        try (LocalApi api = new LocalApi(TestDatabases.create(), "target/sequencing-secrets")) {
            for (ConfigurableApplicationContext side : new ConfigurableApplicationContext[] {
                    api.services().commandSide(), api.services().querySide()}) {
                EventProcessingConfiguration processing = side.getBean(EventProcessingConfiguration.class);
                assertThat(processing.eventProcessors()).isNotEmpty();
                processing.eventProcessors().keySet().forEach(name -> assertThat(processing.sequencingPolicy(name))
                        .as(name).isInstanceOf(DataSubjectSequencingPolicy.class));
            }
        }
    }
}
