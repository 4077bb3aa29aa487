package org.elearn.command.invitation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.elearn.command.identity.AccountStore;
import org.elearn.command.identity.EmailHasher;
import org.elearn.command.notification.Outbox;
import org.elearn.events.membership.InvitedRole;
import org.elearn.support.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invitations ("Certification > Invitation"): an administrator invites an email with a role; a
 * single-use code (256 random bits, only its SHA-256 stored) goes out through the outbox; accepting
 * with a name and a password makes the person an active member with that role. Blocking: call it
 * off the event loop.
 */
@Service
class InvitationService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final AccountStore accounts;
    private final EmailHasher emailHasher;
    private final PasswordEncoder passwords;
    private final CommandGateway commands;
    private final TransactionTemplate tx;
    private final Outbox outbox;
    private final Duration validity;
    private final Clock clock = Clock.systemUTC();

    InvitationService(JdbcTemplate jdbc, AccountStore accounts, EmailHasher emailHasher, PasswordEncoder passwords,
                      CommandGateway commands, TransactionTemplate tx, Outbox outbox,
                      @Value("${learning.invitations.validity:7d}") Duration validity) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.emailHasher = emailHasher;
        this.passwords = passwords;
        this.commands = commands;
        this.tx = tx;
        this.outbox = outbox;
        this.validity = validity;
    }

    record Issued(UUID invitationId, Instant expiresAt) {
    }

    record Joined(UUID userId, UUID organizationId, InvitedRole role) {
    }

    Issued invite(UUID organizationId, String email, InvitedRole role) {
        byte[] emailHash = emailHasher.hash(email);
        UUID invitationId = UUID.randomUUID();
        Instant expiresAt = clock.instant().plus(validity);
        String code = newCode();
        tx.executeWithoutResult(status -> {
            UUID inviteeId = invitee(organizationId, emailHash);
            jdbc.update("INSERT INTO invitation (invitation_id, organization_id, invitee_id) VALUES (?, ?, ?)",
                    invitationId, organizationId, inviteeId);
            jdbc.update("INSERT INTO invitation_code (invitation_id, organization_id, code_hash, expires_at) "
                    + "VALUES (?, ?, ?, ?)", invitationId, organizationId, hash(code), java.sql.Timestamp.from(expiresAt));
            commands.sendAndWait(new InviteMember(invitationId, inviteeId, organizationId, email, role, expiresAt));
            outbox.enqueue(inviteeId.toString(), email, "Your invitation", message(code, expiresAt));
        });
        return new Issued(invitationId, expiresAt);
    }

    /** An imported member of this organization without a login, or a new person; anyone else is a 409. */
    private UUID invitee(UUID organizationId, byte[] emailHash) {
        Optional<UUID> holder = accounts.userIdForEmail(emailHash);
        if (holder.isEmpty()) {
            UUID inviteeId = UUID.randomUUID();
            accounts.reserveEmail(emailHash, inviteeId);
            return inviteeId;
        }
        boolean memberWithoutLogin = Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM member_directory d WHERE d.member_id = ? AND d.organization_id = ?
                                  AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = d.member_id))""",
                Boolean.class, holder.get(), organizationId));
        if (!memberWithoutLogin) {
            throw new ApiException(HttpStatus.CONFLICT, "email-taken", "An account with this email already exists.");
        }
        return holder.get();
    }

    Issued resend(UUID organizationId, UUID invitationId) {
        requireInvitationOf(organizationId, invitationId);
        Instant expiresAt = clock.instant().plus(validity);
        String code = newCode();
        tx.executeWithoutResult(status -> {
            Invitation.Invitee invitee = commands.sendAndWait(new ResendInvitation(invitationId, expiresAt));
            jdbc.update("UPDATE invitation_code SET code_hash = ?, expires_at = ? WHERE invitation_id = ?", hash(code),
                    java.sql.Timestamp.from(expiresAt), invitationId);
            outbox.enqueue(invitee.inviteeId().toString(), invitee.email(), "Your invitation", message(code, expiresAt));
        });
        return new Issued(invitationId, expiresAt);
    }

    void revoke(UUID organizationId, UUID invitationId) {
        requireInvitationOf(organizationId, invitationId);
        tx.executeWithoutResult(status -> {
            Invitation.Invitee invitee = commands.sendAndWait(new RevokeInvitation(invitationId));
            // a person who was only invited (no member, no login) releases the email they held
            jdbc.update("""
                    DELETE FROM email_lookup l WHERE l.user_id = ?
                       AND NOT EXISTS (SELECT 1 FROM member_directory d WHERE d.member_id = l.user_id)
                       AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = l.user_id)""",
                    invitee.inviteeId());
            outbox.forget(invitee.inviteeId().toString());
        });
    }

    Joined accept(String code, String name, String password) {
        String passwordHash = passwords.encode(password);
        return tx.execute(status -> {
            List<UUID> found = jdbc.queryForList("SELECT invitation_id FROM invitation_code WHERE code_hash = ?",
                    UUID.class, (Object) hash(code));
            if (found.isEmpty()) {
                throw new ApiException(HttpStatus.NOT_FOUND, "invitation-not-found",
                        "No invitation has this code (if it was sent again, use the newest code).");
            }
            UUID invitationId = found.get(0);
            Invitation.Invitee accepted = commands.sendAndWait(new AcceptInvitation(invitationId, name, clock.instant()));
            accounts.createCredentials(accepted.inviteeId(), passwordHash, List.of(accepted.role().name()),
                    accepted.organizationId());
            jdbc.update("INSERT INTO member_directory (member_id, organization_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    accepted.inviteeId(), accepted.organizationId());
            return new Joined(accepted.inviteeId(), accepted.organizationId(), accepted.role());
        });
    }

    private void requireInvitationOf(UUID organizationId, UUID invitationId) {
        Boolean known = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM invitation WHERE invitation_id = ? AND organization_id = ?)",
                Boolean.class, invitationId, organizationId);
        if (!Boolean.TRUE.equals(known)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "invitation-not-found", "No such invitation.");
        }
    }

    private String message(String code, Instant expiresAt) {
        return "You are invited to join your organization's training on the learning platform.\n"
                + "Your invitation code: " + code + "\nIt works once, until " + expiresAt + ".\n";
    }

    private static String newCode() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
