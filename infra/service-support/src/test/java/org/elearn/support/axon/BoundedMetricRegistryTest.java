package org.elearn.support.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

class BoundedMetricRegistryTest {

    @Test
    void processorsAndBusesAreMeasuredWithoutPerMessageCapacityState() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        BoundedMetricRegistry registry = new BoundedMetricRegistry(meters);
        @SuppressWarnings("unchecked")
        MessageMonitor<EventMessage<?>> processor = (MessageMonitor<EventMessage<?>>)
                registry.registerEventProcessor("progress", m -> java.util.List.of(), m -> java.util.List.of());
        for (int i = 0; i < 1_000; i++) {
            processor.onMessageIngested(GenericEventMessage.asEventMessage("event " + i)).reportSuccess();
            processor.onMessageIngested(GenericEventMessage.asEventMessage("ignored " + i)).reportIgnored();
        }
        @SuppressWarnings("unchecked")
        MessageMonitor<org.axonframework.messaging.Message<?>> commands =
                (MessageMonitor<org.axonframework.messaging.Message<?>>) registry.registerCommandBus("commandBus");
        commands.onMessageIngested(GenericCommandMessage.asCommandMessage("command")).reportSuccess();

        assertThat(meters.getMeters()).extracting(m -> m.getId().getName())
                .isNotEmpty()
                .noneMatch(name -> name.toLowerCase().contains("capacity"));
        double processed = meters.getMeters().stream().filter(m -> m.getId().getName().startsWith("progress"))
                .filter(m -> m.getId().getType() == Meter.Type.COUNTER)
                .mapToDouble(m -> m.measure().iterator().next().getValue()).max().orElse(0);
        assertThat(processed).as("handled events counted, ignored ones not measured at all").isEqualTo(1_000);
        assertThat(meters.get("progress.ignoredCounter").counter().count()).isZero();
        assertThat(meters.get("progress.ingestedCounter").counter().count()).isEqualTo(1_000);
    }
}
