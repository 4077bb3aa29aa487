package org.elearn.support.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.EventProcessorProperties.Mode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ProcessorDefaultsTest {

    @ProcessingGroup("plain")
    static class PlainProjection {
    }

    @ProcessingGroup("slow")
    static class SlowProjection {
    }

    @ReadsNoPersonalData
    @ProcessingGroup("sealed")
    static class SealedProjection {
    }

    @ReadsNoPersonalData
    @ProcessingGroup("slow")
    static class SealedPartOfSlow {
    }

    @Test
    void aGroupWhoseEveryHandlerReadsNoPersonalDataReadsSealedEvents() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerBeanDefinition("plainProjection", new RootBeanDefinition(PlainProjection.class));
        beans.registerBeanDefinition("slowProjection", new RootBeanDefinition(SlowProjection.class));
        beans.registerBeanDefinition("sealedPartOfSlow", new RootBeanDefinition(SealedPartOfSlow.class));
        beans.registerBeanDefinition("sealedProjection", new RootBeanDefinition(SealedProjection.class));
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of()));
        EventProcessorProperties properties = new EventProcessorProperties();

        ProcessorDefaults.apply(properties, ProcessorDefaults.processingGroups(beans),
                ProcessorDefaults.sealedGroups(beans), binder);

        assertThat(properties.getProcessors().get("sealed").getSource()).isEqualTo(SealedEvents.BEAN);
        // one handler of the group reads personal data: the whole processor decrypts
        assertThat(properties.getProcessors().get("slow").getSource()).isNull();
        assertThat(properties.getProcessors().get("plain").getSource()).isNull();
    }

    @Test
    void everyProcessingGroupGetsTheSharedSettingsAndKeepsItsOwnExceptions() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerBeanDefinition("plainProjection", new RootBeanDefinition(PlainProjection.class));
        beans.registerBeanDefinition("slowProjection", new RootBeanDefinition(SlowProjection.class));
        beans.registerBeanDefinition("somethingElse", new RootBeanDefinition(Object.class));
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "axon.eventhandling.processors.slow.thread-count", "1",
                "axon.eventhandling.processors.slow.batch-size", "200",
                "axon.eventhandling.processors.slow.dlq.enabled", "false")));
        EventProcessorProperties properties = binder
                .bind("axon.eventhandling", Bindable.of(EventProcessorProperties.class)).get();

        ProcessorDefaults.apply(properties, ProcessorDefaults.processingGroups(beans), binder);

        assertThat(properties.getProcessors()).containsOnlyKeys("plain", "slow");
        var plain = properties.getProcessors().get("plain");
        assertThat(plain.getMode()).isEqualTo(Mode.POOLED);
        assertThat(plain.getSequencingPolicy()).isEqualTo("dataSubjectSequencingPolicy");
        assertThat(plain.getThreadCount()).isEqualTo(2);
        assertThat(plain.getInitialSegmentCount()).isEqualTo(4);
        assertThat(plain.getBatchSize()).isEqualTo(100);
        assertThat(plain.getDlq().isEnabled()).isTrue();
        assertThat(plain.getDlq().getCache().isEnabled()).isTrue();
        assertThat(plain.getDlq().getCache().getSize()).isEqualTo(1024);
        var slow = properties.getProcessors().get("slow");
        assertThat(slow.getMode()).isEqualTo(Mode.POOLED);
        assertThat(slow.getSequencingPolicy()).isEqualTo("dataSubjectSequencingPolicy");
        assertThat(slow.getThreadCount()).isEqualTo(1);
        assertThat(slow.getInitialSegmentCount()).isEqualTo(4);
        assertThat(slow.getBatchSize()).isEqualTo(200);
        assertThat(slow.getDlq().isEnabled()).isFalse();
        assertThat(slow.getDlq().getCache().isEnabled()).isFalse();
    }
}
