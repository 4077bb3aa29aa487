package org.elearn.command.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.elearn.command.identity.AccountStore;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.command.identity.MailedCodes;
import org.elearn.command.identity.LoginService;
import org.elearn.command.membership.MemberAddresses;
import org.elearn.command.notification.ConsoleLinks;
import org.elearn.command.notification.Outbox;
import org.elearn.events.membership.InvitedRole;
import org.elearn.command.CommandErrors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invitations ("Certification > Invitation"): an administrator invites an email with a role; a
 * single-use code (256 random bits, only its SHA-256 stored) goes out through the outbox; accepting
 * with a name and a password makes the person an active member with that role. An email that
 * already has an account is invited like any other (the administrator learns nothing of it); that
 * account accepts with its own password and keeps its login, if it may join (see
 * {@link AccountStore#joinOrganization}). Blocking: call it off the event loop.
 */
@Service
@EnableConfigurationProperties(InvitationProperties.class)
record InvitationService(JdbcTemplate jdbc, AccountStore accounts, MemberAddresses addresses, EmailHasher emailHasher,
                         PasswordEncoder passwords, CommandGateway commands, TransactionTemplate tx, Outbox outbox,
                         LoginService logins, ConsoleLinks links, InvitationProperties invitations) {

    /** The system's clock, not the injected one: an invitation's expiry is always real time. */
    private static final Clock CLOCK = Clock.systemUTC();


    record Issued(UUID invitationId, Instant expiresAt) {
    }

    record Joined(UUID userId, UUID organizationId, InvitedRole role) {
    }

    Issued invite(UUID organizationId, String email, InvitedRole role) {
        byte[] emailHash = emailHasher.hash(email);
        UUID invitationId = UUID.randomUUID();
        Instant expiresAt = CLOCK.instant().plus(invitations.validity());
        String code = MailedCodes.newCode();
        tx.executeWithoutResult(status -> {
            UUID inviteeId = invitee(organizationId, emailHash);
            jdbc.update("INSERT INTO invitation (invitation_id, organization_id, invitee_id) VALUES (?, ?, ?)",
                    invitationId, organizationId, inviteeId);
            jdbc.update("INSERT INTO invitation_code (invitation_id, organization_id, code_hash, expires_at) "
                    + "VALUES (?, ?, ?, ?)", invitationId, organizationId, MailedCodes.sha256(code),
                    java.sql.Timestamp.from(expiresAt));
            commands.sendAndWait(new InviteMember(invitationId, inviteeId, organizationId, email, role, expiresAt));
            outbox.enqueue(inviteeId.toString(), email, "Your invitation", message(code, expiresAt));
        });
        return new Issued(invitationId, expiresAt);
    }

    /**
     * The organization's member at this address ({@link MemberAddresses}), else whoever holds the
     * email already (an account, a member imported without a login, a person invited elsewhere), or
     * a new person. Never refused here: whether that account may join is told to the invitee when
     * they accept, so inviting reveals nothing about the email.
     */
    private UUID invitee(UUID organizationId, byte[] emailHash) {
        return addresses.memberAt(organizationId, emailHash)
                .or(() -> accounts.userIdForEmail(emailHash))
                .orElseGet(() -> {
                    UUID inviteeId = UUID.randomUUID();
                    accounts.reserveEmail(emailHash, inviteeId);
                    return inviteeId;
                });
    }

    Issued resend(UUID organizationId, UUID invitationId) {
        requireInvitationOf(organizationId, invitationId);
        Instant expiresAt = CLOCK.instant().plus(invitations.validity());
        String code = MailedCodes.newCode();
        tx.executeWithoutResult(status -> {
            Invitation.Invitee invitee = commands.sendAndWait(new ResendInvitation(invitationId, expiresAt));
            jdbc.update("UPDATE invitation_code SET code_hash = ?, expires_at = ? WHERE invitation_id = ?",
                    MailedCodes.sha256(code), java.sql.Timestamp.from(expiresAt), invitationId);
            outbox.enqueue(invitee.inviteeId().toString(), invitee.email(), "Your invitation", message(code, expiresAt));
        });
        return new Issued(invitationId, expiresAt);
    }

    void revoke(UUID organizationId, UUID invitationId) {
        requireInvitationOf(organizationId, invitationId);
        tx.executeWithoutResult(status -> {
            Invitation.Invitee invitee = commands.sendAndWait(new RevokeInvitation(invitationId));
            // its code now opens nothing, so it counts as closed below (the aggregate still answers "revoked")
            jdbc.update("UPDATE invitation_code SET expires_at = LEAST(expires_at, now()) WHERE invitation_id = ?",
                    invitationId);
            // a person who was only invited (no member, no login, no other invitation that may still be
            // open) releases the email they held, and their unsent mail goes; an account's mail stays
            int released = jdbc.update("""
                    DELETE FROM email_lookup l WHERE l.user_id = ?
                       AND NOT EXISTS (SELECT 1 FROM member_directory d WHERE d.member_id = l.user_id)
                       AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = l.user_id)
                       AND NOT EXISTS (SELECT 1 FROM invitation i JOIN invitation_code k USING (invitation_id)
                                        WHERE i.invitee_id = l.user_id AND i.invitation_id <> ?
                                          AND k.expires_at > now())""",
                    invitee.inviteeId(), invitationId);
            if (released == 1) {
                outbox.forget(invitee.inviteeId().toString());
            }
        });
    }

    /** What a code opens: the invitation and whom it is for. */
    private record Invited(UUID invitationId, UUID inviteeId) {
    }

    /**
     * Accepts with the code. A new person (or a member imported without a login) gets a login with
     * this password; an existing account must give its own password, keeps its login, and joins if
     * it may. Either way the refusal goes to the invitee, never to the administrator who invited.
     */
    Joined accept(String code, String name, String password, String clientAddress) {
        Invited invited = jdbc.query("""
                        SELECT k.invitation_id, i.invitee_id FROM invitation_code k JOIN invitation i USING (invitation_id)
                         WHERE k.code_hash = ?""",
                        (rs, n) -> new Invited(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)),
                        (Object) MailedCodes.sha256(code)).stream().findFirst()
                .orElseThrow(() -> CommandErrors.INVITATION_NOT_FOUND.refusal(
                        "No invitation has this code (if it was sent again, use the newest code)."));
        boolean existingAccount = accounts.hasLogin(invited.inviteeId());
        String passwordHash = null;
        if (existingAccount) {
            logins.verifyPasswordOf(invited.inviteeId(), password, clientAddress);
        } else {
            passwordHash = passwords.encode(password);
        }
        String newPasswordHash = passwordHash;
        return tx.execute(status -> {
            Invitation.Invitee accepted = commands.sendAndWait(
                    new AcceptInvitation(invited.invitationId(), name, CLOCK.instant()));
            UUID userId = accepted.inviteeId();
            byte[] emailHash = emailHasher.hash(accepted.email());
            boolean mayJoin = existingAccount
                    ? accounts.joinOrganization(userId, accepted.organizationId(), accepted.role().name())
                    : !isMemberElsewhere(userId, accepted.organizationId()) && holdsEmail(userId, emailHash);
            if (!mayJoin) {
                // rolls back the acceptance too: the invitation stays open
                throw CommandErrors.ACCOUNT_CANNOT_JOIN.refusal("This account cannot join this "
                        + "organization: an account belongs to at most one organization, and operator and auditor "
                        + "accounts to none.");
            }
            if (!existingAccount) {
                accounts.createCredentials(userId, newPasswordHash, List.of(accepted.role().name()),
                        accepted.organizationId());
            }
            jdbc.update("INSERT INTO member_directory (member_id, organization_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    userId, accepted.organizationId());
            addresses.join(userId, accepted.organizationId(), emailHash);
            // an existing account's tokens say an older organization or role: it logs in again
            if (existingAccount) {
                accounts.revokeSessions(userId);
            }
            return new Joined(userId, accepted.organizationId(), accepted.role());
        });
    }

    /**
     * Whether a person without a login logs in with this email once they have one: a member imported
     * at an address some account already held holds none, and may not take that account's.
     */
    private boolean holdsEmail(UUID userId, byte[] emailHash) {
        return accounts.userIdForEmail(emailHash).map(userId::equals)
                .orElseGet(() -> accounts.reserveEmail(emailHash, userId));
    }

    private boolean isMemberElsewhere(UUID userId, UUID organizationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM member_directory WHERE member_id = ? AND organization_id <> ?)",
                Boolean.class, userId, organizationId));
    }

    private void requireInvitationOf(UUID organizationId, UUID invitationId) {
        Boolean known = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM invitation WHERE invitation_id = ? AND organization_id = ?)",
                Boolean.class, invitationId, organizationId);
        if (!Boolean.TRUE.equals(known)) {
            throw CommandErrors.INVITATION_NOT_FOUND.refusal("No such invitation.");
        }
    }

    private String message(String code, Instant expiresAt) {
        return "You are invited to join your organization's training on the learning platform.\n"
                + "Your invitation code: " + code + "\nIt works once, until " + expiresAt + ".\n"
                + "To accept, open " + links.join("invitation", code) + "\n";
    }
}
