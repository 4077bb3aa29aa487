package org.elearn.command.membership;

import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

/** What a member may change about themselves. Blocking: call it off the event loop. */
@Service
public record MemberSelfService(MemberRecords records, CommandGateway commands) {

    /**
     * Sets the member's own name, phone, nickname and gender; null clears an optional one.
     *
     * @return false, changing nothing, when the user is no member
     */
    public boolean editOwnProfile(UUID userId, String name, String phone, String nickname, String gender) {
        return records.of(userId).map(member -> {
            commands.sendAndWait(new ChangeMemberProfile(member, name, phone, nickname, gender));
            return true;
        }).orElse(false);
    }
}
