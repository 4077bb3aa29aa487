package org.elearn.query.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.EventProcessorProperties.ProcessorSettings;
import org.elearn.query.projection.ProcessorLayout.Processors;
import org.elearn.support.axon.ProcessorDefaults;
import org.elearn.support.axon.ProcessorPropertiesPostProcessor;
import org.elearn.support.axon.SealedEvents;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The processor layout of {@code learning.query.processors} ({@link ProcessorTopology}): in the
 * {@code merged} layout, the merged processors' settings and the assignment of the groups to them.
 * Each group keeps its entry in Axon's processor properties, which Axon's Spring Boot support reads
 * per processing group for the dead-letter queue (and its cache) and the sequencing policy; the
 * merged processors get an entry of their own for what is per processor (pooled mode, threads,
 * segments, batch size, source), filled in by {@code ProcessorDefaults} as every entry is; the
 * sealed one reads from {@link SealedEvents}. (Their batch size is in {@code query-side.yml}.)
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessorLayout.class)
class ProcessorLayoutConfiguration {

    /** Static, as a bean post-processor must be; it runs before {@code ProcessorDefaults}. */
    @Bean
    static MergedProcessorSettings mergedProcessorSettings() {
        return new MergedProcessorSettings();
    }

    @Bean
    ConfigurerModule mergedProcessingGroups(ProcessorLayout layout, ListableBeanFactory beans) {
        return configurer -> {
            if (layout.processors() == Processors.MERGED) {
                topology(beans).assignments(Processors.MERGED).forEach((group, processor) ->
                        configurer.eventProcessing().assignProcessingGroup(group, processor));
            }
        };
    }

    @Bean
    ProcessorHandover processorHandover(ProcessorLayout layout, ListableBeanFactory beans,
                                        org.springframework.jdbc.core.JdbcTemplate jdbc,
                                        org.springframework.transaction.support.TransactionTemplate tx,
                                        @org.springframework.beans.factory.annotation.Qualifier("serializer")
                                        org.axonframework.serialization.Serializer tokenSerializer,
                                        EventProcessorProperties processors) {
        return new ProcessorHandover(topology(beans), layout.processors(), jdbc, tx, tokenSerializer, processors);
    }

    static ProcessorTopology topology(ListableBeanFactory beans) {
        return new ProcessorTopology(ProcessorDefaults.processingGroups(beans), ProcessorDefaults.sealedGroups(beans));
    }

    /** Enters the merged processors in Axon's processor properties, in the merged layout only. */
    static final class MergedProcessorSettings extends ProcessorPropertiesPostProcessor implements Ordered {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE; // before ProcessorDefaults, which fills in every entry
        }

        @Override
        protected void fillIn(EventProcessorProperties properties, ListableBeanFactory beans, Binder settings) {
            if (ProcessorLayout.bind(settings) == Processors.MERGED) {
                enter(properties, topology(beans), settings);
            }
        }

        static void enter(EventProcessorProperties properties, ProcessorTopology topology, Binder binder) {
            topology.mergedProcessors().forEach((name, sealed) -> {
                ProcessorSettings settings = properties.getProcessors().computeIfAbsent(name,
                        key -> new ProcessorSettings());
                String prefix = "axon.eventhandling.processors." + name + ".";
                if (sealed && !binder.bind(prefix + "source", String.class).isBound()) {
                    settings.setSource(SealedEvents.BEAN);
                }
            });
        }
    }
}
