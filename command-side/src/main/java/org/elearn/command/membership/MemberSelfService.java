package org.elearn.command.membership;

import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** What a member may change about themselves. Blocking: call it off the event loop. */
@Service
public class MemberSelfService {

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;

    MemberSelfService(JdbcTemplate jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    public boolean isMember(UUID userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM member_directory WHERE member_id = ?)", Boolean.class, userId));
    }

    /** Sets the member's own name, phone, nickname and gender; null clears an optional one. */
    public void editOwnProfile(UUID memberId, String name, String phone, String nickname, String gender) {
        commands.sendAndWait(new EditOwnMemberProfile(memberId, name, phone, nickname, gender));
    }
}
