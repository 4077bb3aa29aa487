package org.elearn.support.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * The parked events of every processing group, for operators: listed without payload (so without
 * personal data), retried, or skipped. Every method blocks on JDBC: call it off the event loop.
 */
public class DeadLetters {

    /** One parked event. The global index finds it in the event store; the cause holds no personal data. */
    public record Letter(String id, String processingGroup, String eventType, Long globalIndex, long sequenceIndex,
                         String causeType, String causeMessage, Instant enqueuedAt, Instant lastTouched, long retries) {
    }

    /** A processing group's letters: the total, and the oldest of them up to the limit asked for. */
    public record Group(String processingGroup, long total, List<Letter> letters) {
    }

    /** What a retry did: the letter's sequence was handled, or it failed again and stays parked. */
    public enum RetryOutcome { PROCESSED, FAILED_AGAIN }

    private final EventProcessingConfiguration processing;
    private final Set<String> groups;

    /**
     * @param groups the processing groups of the service's handlers: each has its own queue, whichever
     *               processor hosts it (a processor may host several groups, so its name is not a group's)
     */
    public DeadLetters(EventProcessingConfiguration processing, Set<String> groups) {
        this.processing = processing;
        this.groups = Set.copyOf(groups);
    }

    /** Letters per processing group that has a queue, in name order. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        queues().forEach((group, queue) -> counts.put(group, queue.size()));
        return counts;
    }

    /** Every group with a queue, each with at most {@code limit} letters. */
    public List<Group> list(int limit) {
        List<Group> groups = new ArrayList<>();
        queues().forEach((group, queue) -> {
            List<Letter> letters = new ArrayList<>();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (letters.size() < limit && letter instanceof JdbcDeadLetter<?> jdbc) {
                        letters.add(describe(group, jdbc));
                    }
                }
            }
            groups.add(new Group(group, queue.size(), letters));
        });
        return groups;
    }

    /** Handles the letter's sequence again; empty if the group or the letter is unknown. */
    public Optional<RetryOutcome> retry(String group, String id) {
        return find(group, id).flatMap(letter -> processing.sequencedDeadLetterProcessor(group).map(processor -> {
            String sequence = letter.getSequenceIdentifier();
            processor.process(head -> head instanceof JdbcDeadLetter<?> jdbc
                    && sequence.equals(jdbc.getSequenceIdentifier()));
            return find(group, id).isPresent() ? RetryOutcome.FAILED_AGAIN : RetryOutcome.PROCESSED;
        }));
    }

    /** Drops the letter without handling it; false if the group or the letter is unknown. */
    public boolean skip(String group, String id) {
        Optional<JdbcDeadLetter<?>> letter = find(group, id);
        letter.ifPresent(found -> queue(group).orElseThrow().evict((DeadLetter) found));
        return letter.isPresent();
    }

    /**
     * Gauge {@code learning.dead_letters} per processing group: alert on any value above zero.
     * Called once the processors are configured (not as a {@code MeterBinder}, which runs too early).
     */
    public void bindTo(MeterRegistry registry) {
        queues().forEach((group, queue) -> Gauge.builder("learning.dead_letters", queue, SequencedDeadLetterQueue::size)
                .description("Events parked in the dead-letter queue, waiting for an operator")
                .tag("processing_group", group)
                .register(registry));
    }

    private Optional<JdbcDeadLetter<?>> find(String group, String id) {
        return queue(group).flatMap(queue -> {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (letter instanceof JdbcDeadLetter<?> jdbc && jdbc.getIdentifier().equals(id)) {
                        return Optional.of(jdbc);
                    }
                }
            }
            return Optional.empty();
        });
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String group) {
        return groups.contains(group) && processing.eventProcessorByProcessingGroup(group).isPresent()
                ? processing.deadLetterQueue(group) : Optional.empty();
    }

    private Map<String, SequencedDeadLetterQueue<EventMessage<?>>> queues() {
        Map<String, SequencedDeadLetterQueue<EventMessage<?>>> queues = new TreeMap<>();
        groups.forEach(group -> queue(group).ifPresent(queue -> queues.put(group, queue)));
        return queues;
    }

    private static Letter describe(String group, JdbcDeadLetter<?> letter) {
        EventMessage<?> message = letter.message();
        Long globalIndex = message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
        return new Letter(letter.getIdentifier(), group, message.getPayloadType().getName(), globalIndex,
                letter.getSequenceIndex(), letter.cause().map(Cause::type).orElse(null),
                letter.cause().map(Cause::message).orElse(null), letter.enqueuedAt(), letter.lastTouched(),
                SafeEnqueuePolicy.retries(letter));
    }
}
