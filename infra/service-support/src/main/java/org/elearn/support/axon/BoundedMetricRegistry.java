package org.elearn.support.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.List;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryMessage;

/**
 * Axon's metrics without its {@code CapacityMonitor}. That monitor keeps one entry per message for
 * a ten-minute sliding window: at ingestion rates (10,000 statements a second, each also handled by
 * a processor) that is millions of entries, and it exhausted a 512 MB heap. Counters, timers and
 * processor latency stay; the timers give the same saturation signal without per-message state.
 */
public class BoundedMetricRegistry extends GlobalMetricRegistry {

    public BoundedMetricRegistry(MeterRegistry registry) {
        super(registry);
    }

    private static Function<Message<?>, Iterable<Tag>> noTags() {
        return message -> List.of();
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String name) {
        return registerEventProcessor(name, noTags(), noTags());
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
            String name, Function<Message<?>, Iterable<Tag>> typeTags, Function<Message<?>, Iterable<Tag>> processorTags) {
        return new HandledOnly(new MultiMessageMonitor<>(List.of(
                EventProcessorLatencyMonitor.builder().meterNamePrefix(name).meterRegistry(getRegistry())
                        .tagsBuilder(processorTags).build(),
                MessageCountingMonitor.buildMonitor(name, getRegistry(), processorTags))));
    }

    /**
     * Measures an event once a handler has handled it, or failed to: its count, and the processor's
     * latency (the event's age then). Events a processor ignores cost nothing. Every processor
     * reads every event, and most ignore most of them: measured, the ignored ones were about an
     * eighth of the query side's CPU at 5,000 statements a second, in meter lookups alone. The
     * handling timer is gone with them, since its clock would have to start for every event.
     */
    static final class HandledOnly implements MessageMonitor<EventMessage<?>> {

        private final MessageMonitor<? super EventMessage<?>> measured;

        HandledOnly(MessageMonitor<? super EventMessage<?>> measured) {
            this.measured = measured;
        }

        @Override
        public MonitorCallback onMessageIngested(EventMessage<?> message) {
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    measured.onMessageIngested(message).reportSuccess();
                }

                @Override
                public void reportFailure(Throwable cause) {
                    measured.onMessageIngested(message).reportFailure(cause);
                }

                @Override
                public void reportIgnored() {
                    // not measured: see the class comment
                }
            };
        }
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name) {
        return registerCommandBus(name, noTags());
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name,
                                                                       Function<Message<?>, Iterable<Tag>> tags) {
        return handlerMonitor(name, tags);
    }

    @Override
    public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String name) {
        return registerQueryBus(name, noTags());
    }

    @Override
    public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String name,
                                                                      Function<Message<?>, Iterable<Tag>> tags) {
        return handlerMonitor(name, tags);
    }

    private MessageMonitor<Message<?>> handlerMonitor(String name, Function<Message<?>, Iterable<Tag>> tags) {
        return new MultiMessageMonitor<>(List.of(MessageTimerMonitor.buildMonitor(name, getRegistry(), tags),
                MessageCountingMonitor.buildMonitor(name, getRegistry(), tags)));
    }
}
