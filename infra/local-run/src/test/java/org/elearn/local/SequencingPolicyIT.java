package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.TimeoutProperties;
import org.elearn.events.privacy.DataSubjectSequencingPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every event processor of both services orders events by data subject. Axon's Spring Boot support
 * silently gives any processor named in the properties the per-aggregate policy unless the
 * properties name ours; this test catches a processor added without it. It also checks that each
 * dead-letter queue keeps its sequence-identifier cache, without which every event costs a
 * {@code SELECT COUNT(*) FROM dead_letter_entry} per processor, and that event handler calls are
 * not wrapped in Axon's per-call timeout task (docs/architecture.md). And every processor is a
 * pooled one, and every processing group has a dead-letter queue, but for the few listed here.
 * {@code MergedProcessorsIT} runs the same checks on the query side's merged processor layout.
 */
@ExtendWith(SharedServices.class)
class SequencingPolicyIT {

    /** Processors without a dead-letter queue: an erasure that fails is retried, never parked. */
    private static final Set<String> WITHOUT_DEAD_LETTERS = Set.of("projection-erasure");

    private static LocalApi api;

    @BeforeAll
    static void start(LocalApi shared) {
        api = shared;
    }

    @Test
    void everyProcessorIsPooledAndParksFailuresUnlessListed() {
        everyGroupIsPooledSequencedAndParksFailuresUnlessListed(api);
    }

    /**
     * The command side's {@code progress} runs one thread (its only exception in the YAML) and keeps
     * every other shared setting; {@code retention-facts} keeps its own exceptions.
     */
    @Test
    void progressRunsOneThreadWithTheSharedSettingsOtherwise() {
        var settings = api.services().commandSide().getBean(EventProcessorProperties.class).getProcessors();
        var progress = settings.get("progress");
        assertThat(progress.getThreadCount()).isEqualTo(1);
        assertThat(progress.getInitialSegmentCount()).isEqualTo(4);
        assertThat(progress.getBatchSize()).isEqualTo(100);
        assertThat(progress.getMode()).isEqualTo(EventProcessorProperties.Mode.POOLED);
        assertThat(progress.getDlq().isEnabled()).isTrue();
        assertThat(settings.get("retention-facts").getThreadCount()).isEqualTo(1);
        assertThat(settings.get("retention-facts").getBatchSize()).isEqualTo(200);
    }

    /**
     * Checked on what each processor runs, group by group (a processor hosts several groups in the
     * merged layout of the query side, each with its own policy and queue): every processor is
     * pooled, and every group it hosts is ordered by data subject and has a dead-letter queue, but
     * those listed.
     */
    static void everyGroupIsPooledSequencedAndParksFailuresUnlessListed(LocalApi api) {
        for (ConfigurableApplicationContext side : new ConfigurableApplicationContext[] {
                api.services().commandSide(), api.services().querySide()}) {
            EventProcessingConfiguration processing = side.getBean(EventProcessingConfiguration.class);
            assertThat(processing.eventProcessors()).isNotEmpty();
            processing.eventProcessors().forEach((name, processor) -> {
                assertThat(processor).as(name).isInstanceOf(PooledStreamingEventProcessor.class);
                EventHandlerInvoker invoker = ((PooledStreamingEventProcessor) processor).eventHandlerInvoker();
                List<EventHandlerInvoker> groups = invoker instanceof MultiEventHandlerInvoker multi
                        ? multi.delegates() : List.of(invoker);
                assertThat(groups).as(name).isNotEmpty();
                for (EventHandlerInvoker each : groups) {
                    assertThat(each).as(name).isInstanceOf(SimpleEventHandlerInvoker.class);
                    String group = group((SimpleEventHandlerInvoker) each);
                    assertThat(processing.eventProcessorByProcessingGroup(group)).as(group).containsSame(processor);
                    assertThat(((SimpleEventHandlerInvoker) each).getSequencingPolicy()).as(group)
                            .isInstanceOf(DataSubjectSequencingPolicy.class);
                    boolean parks = !WITHOUT_DEAD_LETTERS.contains(group);
                    assertThat(each instanceof DeadLetteringEventHandlerInvoker).as(group + " dead-letter queue")
                            .isEqualTo(parks);
                    assertThat(processing.deadLetterQueue(group).isPresent()).as(group).isEqualTo(parks);
                }
            });
        }
    }

    /** The processing group a group's invoker serves, from its handlers' annotation. */
    private static String group(SimpleEventHandlerInvoker invoker) {
        return invoker.eventHandlers().stream()
                .map(handler -> ((AnnotationEventHandlerAdapter) handler).getTargetType().getAnnotation(
                        ProcessingGroup.class).value())
                .distinct().reduce((a, b) -> {
                    throw new AssertionError("one invoker serves two groups: " + a + ", " + b);
                }).orElseThrow();
    }

    @Test
    void everyProcessorSequencesByDataSubject() {
        everyProcessorSequencesByDataSubject(api);
    }

    static void everyProcessorSequencesByDataSubject(LocalApi api) {
        for (ConfigurableApplicationContext side : new ConfigurableApplicationContext[] {
                api.services().commandSide(), api.services().querySide()}) {
            EventProcessingConfiguration processing = side.getBean(EventProcessingConfiguration.class);
            assertThat(processing.eventProcessors()).isNotEmpty();
            processing.eventProcessors().keySet().forEach(name -> assertThat(processing.sequencingPolicy(name))
                    .as(name).isInstanceOf(DataSubjectSequencingPolicy.class));
            // no per-call timer around event handlers (each recorded a stack trace); batches keep theirs
            var events = side.getBean(TimeoutProperties.class).getHandler().getEvents();
            assertThat(events.getTimeoutMs()).isNegative();
            assertThat(events.getWarningThresholdMs()).isNegative();
            assertThat(side.getBean(TimeoutProperties.class).isEnabled()).isTrue();
            var settings = side.getBean(EventProcessorProperties.class).getProcessors();
            assertThat(settings.values()).anyMatch(processor -> processor.getDlq().isEnabled());
            settings.forEach((name, processor) -> {
                if (processor.getDlq().isEnabled()) {
                    assertThat(processor.getDlq().getCache().isEnabled()).as(name + " dead-letter cache").isTrue();
                    assertThat(processor.getDlq().getCache().getSize()).as(name).isGreaterThanOrEqualTo(1024);
                }
            });
        }
    }
}
