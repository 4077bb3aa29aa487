package org.elearn.command.membership;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.MemberEdited;
import org.elearn.events.membership.MemberImported;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The address a member is reached at now. The command side keeps no email in clear (lookups go by
 * keyed hash), so it is read from the member's own events, decrypted by the serializer: the import,
 * the accepted invitation, and an administrator's edits (in the member's record, see
 * {@link MemberRecords}); the newest wins. Nothing is copied or cached, so an erased member's
 * address is simply gone. Blocking: call it off the event loop.
 */
@Component
public record MemberEmails(EventStore events, JdbcTemplate jdbc) {

    private record Stated(Instant at, String email) {
    }

    public Optional<String> current(UUID memberId) {
        List<Stated> stated = new ArrayList<>();
        // events only, never a snapshot: the aggregates keep no email in their state
        read(memberId, stated);
        // an invited member's record, where an administrator's edits go
        read(MemberRecords.invitedRecordId(memberId), stated);
        for (UUID invitation : jdbc.queryForList("SELECT invitation_id FROM invitation WHERE invitee_id = ?",
                UUID.class, memberId)) {
            read(invitation, stated);
        }
        return stated.stream().max(Comparator.comparing(Stated::at)).map(Stated::email);
    }

    private void read(UUID aggregateId, List<Stated> stated) {
        events.readEvents(aggregateId.toString(), 0).asStream().forEach(message -> email(message)
                .ifPresent(email -> stated.add(new Stated(message.getTimestamp(), email))));
    }

    private static Optional<String> email(DomainEventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof MemberImported e) {
            return Optional.of(e.email());
        }
        if (payload instanceof InvitationAccepted e) {
            return Optional.of(e.email());
        }
        if (payload instanceof MemberEdited e) {
            return Optional.of(e.email());
        }
        return Optional.empty();
    }
}
