package org.elearn.query.jdbc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.elearn.support.axon.BatchedWrites;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The global index of the event being handled. A gap-aware token is not it for an event that fills
 * a gap: a transaction that committed after a later one is delivered with the token of the stream's
 * progress, whose index is the newest position seen and which no longer lists the filled gap. So
 * the positions of a unit of work's events are read once, by their identifiers, from the event store
 * (one indexed query per batch), and an event's position is taken from there; its token's index is
 * only the fallback for an event the store does not hold (none, in practice).
 */
public final class EventPositions {

    private static final String KEY = EventPositions.class.getName();

    private EventPositions() {
    }

    /** The position of the event handled now, whose token this is; empty for a token without one. */
    public static OptionalLong of(TrackingToken token, JdbcTemplate jdbc) {
        if (token == null || token.position().isEmpty()) {
            return OptionalLong.empty();
        }
        long index = token.position().getAsLong();
        if (WrappedToken.unwrap(token, GapAwareTrackingToken.class).isEmpty() || !CurrentUnitOfWork.isStarted()) {
            return OptionalLong.of(index);
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, Long> positions = root.getOrComputeResource(KEY, k -> read(jdbc, BatchedWrites.messages()));
        String id = CurrentUnitOfWork.get().getMessage().getIdentifier();
        Long position = positions.get(id);
        if (position == null) {
            positions.putAll(read(jdbc, List.of((EventMessage<?>) CurrentUnitOfWork.get().getMessage())));
            position = positions.get(id);
        }
        return OptionalLong.of(position == null ? index : position);
    }

    private static Map<String, Long> read(JdbcTemplate jdbc, List<? extends EventMessage<?>> messages) {
        Map<String, Long> positions = new HashMap<>();
        String[] ids = messages.stream().map(EventMessage::getIdentifier).distinct().toArray(String[]::new);
        if (ids.length == 0) {
            return positions;
        }
        jdbc.query(con -> {
            var select = con.prepareStatement(
                    "SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier = ANY (?)");
            select.setArray(1, con.createArrayOf("varchar", ids));
            return select;
        }, rs -> {
            positions.put(rs.getString(1), rs.getLong(2));
        });
        return positions;
    }
}
