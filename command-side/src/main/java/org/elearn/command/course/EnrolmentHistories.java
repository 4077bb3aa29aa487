package org.elearn.command.course;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.elearn.events.privacy.EncryptingSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The stored histories of the enrolments one batch of the {@code progress} processor makes progress
 * on, read with one query when the batch's first such statement is handled, and kept in the
 * batch's unit of work. {@link EnrolmentRepository} then loads each of these enrolments from memory,
 * once, instead of asking the event store (a snapshot query and an events query per enrolment).
 * The aggregate still decides every event, and what it applies is appended with the batch, in the
 * token's transaction, as before.
 *
 * <p>The histories are read sealed: rebuilding an enrolment's state reads no personal field (the
 * answers of {@code AssignmentSubmitted} are not kept), so nothing is decrypted and no key is read.
 * An {@code Enrolment} never has snapshots (it names no snapshot trigger), so its events are its
 * whole history.
 *
 * <p>A batch touches only its own segment's trainees (data-subject sequencing), so no other
 * processor thread changes these enrolments meanwhile. An HTTP enrol or unenrol of one of them
 * between the read and the batch's commit makes the batch's append collide with its sequence
 * number; the batch then fails whole and the segment handles it again, reading afresh.
 */
@Component
class EnrolmentHistories {

    private static final String KEY = EnrolmentHistories.class.getName();
    private static final String SELECT = "SELECT aggregate_identifier, sequence_number, type, event_identifier, "
            + "time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry "
            + "WHERE aggregate_identifier = ANY (?) ORDER BY aggregate_identifier, sequence_number";

    private final JdbcTemplate jdbc;
    private final Serializer sealed;
    private final ObjectProvider<Configuration> axon;

    EnrolmentHistories(JdbcTemplate jdbc, @Qualifier("eventSerializer") EncryptingSerializer serializer,
                       ObjectProvider<Configuration> axon) {
        this.jdbc = jdbc;
        this.sealed = serializer.sealedReader();
        this.axon = axon;
    }

    /** What one unit of work has read: every enrolment asked about, each with its events until loaded. */
    private static final class Read {
        final Set<String> asked = new HashSet<>();
        final Set<String> existing = new HashSet<>();
        final Map<String, List<DomainEventData<?>>> unloaded = new HashMap<>();
    }

    /**
     * Whether the enrolment has a history (its trainee enrolled at some time). The first time this
     * unit of work asks about an enrolment, the histories of it and of every enrolment of
     * {@code batch} not read yet are read, with one query. Outside a unit of work: true, and the
     * repository reads as it always did.
     */
    boolean exists(UUID enrolmentId, Supplier<Collection<UUID>> batch) {
        if (!CurrentUnitOfWork.isStarted()) {
            return true;
        }
        Read read = CurrentUnitOfWork.get().root().getOrComputeResource(KEY, k -> new Read());
        String id = enrolmentId.toString();
        if (!read.asked.contains(id)) {
            Set<String> wanted = new LinkedHashSet<>();
            wanted.add(id);
            batch.get().forEach(other -> wanted.add(other.toString()));
            wanted.removeAll(read.asked);
            readAll(read, wanted);
        }
        return read.existing.contains(id);
    }

    private void readAll(Read read, Set<String> ids) {
        Map<String, List<DomainEventData<?>>> found = new HashMap<>();
        jdbc.query(SELECT, rs -> {
            String aggregate = rs.getString(1);
            found.computeIfAbsent(aggregate, k -> new ArrayList<>()).add(new GenericDomainEventEntry<>(
                    rs.getString(3), aggregate, rs.getLong(2), rs.getString(4), rs.getString(5), rs.getString(6),
                    rs.getString(7), rs.getBytes(8), rs.getBytes(9)));
        }, (Object) ids.toArray(String[]::new));
        for (String id : ids) {
            List<DomainEventData<?>> events = found.getOrDefault(id, List.of());
            read.asked.add(id);
            read.unloaded.put(id, events);
            if (!events.isEmpty()) {
                read.existing.add(id);
            }
        }
    }

    /**
     * The history this unit of work read for the aggregate, handed out once (later loads in the
     * unit of work find the aggregate already loaded, or ask the event store); null if none was read.
     */
    DomainEventStream take(String aggregateIdentifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        Read read = CurrentUnitOfWork.get().root().getResource(KEY);
        List<DomainEventData<?>> events = read == null ? null : read.unloaded.remove(aggregateIdentifier);
        if (events == null) {
            return null;
        }
        return EventStreamUtils.upcastAndDeserializeDomainEvents(events.stream(), sealed,
                axon.getObject().upcasterChain());
    }
}
