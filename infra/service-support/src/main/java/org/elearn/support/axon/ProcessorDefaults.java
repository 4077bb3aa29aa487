package org.elearn.support.axon;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.EventProcessorProperties.ProcessorSettings;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The settings every event processor shares, in one place: a pooled streaming processor ordering
 * events by data subject, parking failed events in the dead-letter queue (with its sequence cache),
 * 2 threads over 4 segments, batches of 100. A group whose handlers read no personal field
 * ({@link ReadsNoPersonalData}) reads its events sealed ({@link SealedEvents}), never decrypted.
 *
 * <p>Axon's Spring Boot support gives any processor named under {@code axon.eventhandling.processors}
 * Axon's own defaults for whatever the entry leaves out: a tracking processor, per-aggregate ordering
 * and no dead-letter queue. So every processing group is entered here with the shared settings, and
 * the properties only name what differs for one processor (another segment count, batch size, or
 * no dead-letter queue); a setting the properties give explicitly always wins.
 */
public final class ProcessorDefaults extends ProcessorPropertiesPostProcessor {

    static final String PREFIX = "axon.eventhandling.processors";
    static final String SEQUENCING_POLICY = "dataSubjectSequencingPolicy";
    static final int THREAD_COUNT = 2;
    static final int INITIAL_SEGMENT_COUNT = 4;
    static final int BATCH_SIZE = 100;
    static final int DEAD_LETTER_CACHE_SIZE = 1024;

    @Override
    protected void fillIn(EventProcessorProperties properties, ListableBeanFactory beans, Binder settings) {
        apply(properties, processingGroups(beans), sealedGroups(beans), settings);
    }

    /** The processing groups named by the handler beans' {@link ProcessingGroup} annotations. */
    public static Set<String> processingGroups(ListableBeanFactory beans) {
        Set<String> groups = new TreeSet<>();
        // by definition, without creating a bean or initialising a factory bean this early
        Arrays.stream(beans.getBeanDefinitionNames()).forEach(name -> {
            ProcessingGroup group = beans.findAnnotationOnBean(name, ProcessingGroup.class, false);
            if (group != null) {
                groups.add(group.value());
            }
        });
        return groups;
    }

    /**
     * The processing groups whose every handler bean reads no personal field
     * ({@link ReadsNoPersonalData}): their processors read from {@link SealedEvents}.
     */
    public static Set<String> sealedGroups(ListableBeanFactory beans) {
        Set<String> sealed = new TreeSet<>();
        Set<String> open = new TreeSet<>();
        Arrays.stream(beans.getBeanDefinitionNames()).forEach(name -> {
            ProcessingGroup group = beans.findAnnotationOnBean(name, ProcessingGroup.class, false);
            if (group != null) {
                boolean readsNone = beans.findAnnotationOnBean(name, ReadsNoPersonalData.class, false) != null;
                (readsNone ? sealed : open).add(group.value());
            }
        });
        sealed.removeAll(open);
        return sealed;
    }

    /** Gives each group (and each processor already named) the shared settings it does not set itself. */
    static void apply(EventProcessorProperties properties, Set<String> groups, Binder binder) {
        apply(properties, groups, Set.of(), binder);
    }

    /** As above; the {@code sealed} groups read their events from {@link SealedEvents} unless a source is set. */
    static void apply(EventProcessorProperties properties, Set<String> groups, Set<String> sealed, Binder binder) {
        Map<String, ProcessorSettings> processors = properties.getProcessors();
        groups.forEach(group -> processors.computeIfAbsent(group, name -> new ProcessorSettings()));
        processors.forEach((name, settings) -> {
            String prefix = PREFIX + "." + name + ".";
            if (!bound(binder, prefix + "mode")) {
                settings.setMode(EventProcessorProperties.Mode.POOLED);
            }
            if (!bound(binder, prefix + "sequencing-policy")) {
                settings.setSequencingPolicy(SEQUENCING_POLICY);
            }
            if (!bound(binder, prefix + "thread-count")) {
                settings.setThreadCount(THREAD_COUNT);
            }
            if (!bound(binder, prefix + "initial-segment-count")) {
                settings.setInitialSegmentCount(INITIAL_SEGMENT_COUNT);
            }
            if (!bound(binder, prefix + "batch-size")) {
                settings.setBatchSize(BATCH_SIZE);
            }
            if (sealed.contains(name) && !bound(binder, prefix + "source")) {
                settings.setSource(SealedEvents.BEAN);
            }
            if (!bound(binder, prefix + "dlq.enabled")) {
                settings.getDlq().setEnabled(true);
            }
            if (settings.getDlq().isEnabled() && !bound(binder, prefix + "dlq.cache.enabled")) {
                // without it every event costs a count of the group's dead letters
                settings.getDlq().getCache().setEnabled(true);
            }
            if (settings.getDlq().isEnabled() && !bound(binder, prefix + "dlq.cache.size")) {
                settings.getDlq().getCache().setSize(DEAD_LETTER_CACHE_SIZE);
            }
        });
    }

    private static boolean bound(Binder binder, String property) {
        return binder.bind(property, String.class).isBound();
    }
}
