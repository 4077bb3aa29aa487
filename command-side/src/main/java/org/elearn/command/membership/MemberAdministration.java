package org.elearn.command.membership;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.elearn.command.identity.AccountStore;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.command.CommandErrors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An administrator's changes to their organization's members. A member of another organization is
 * a 404. A new email is the organization's address for the member ({@link MemberAddresses}), set in
 * the same transaction as the event, and refused only if another member of this organization has it:
 * whether an account elsewhere (another organization's member, an operator, an auditor) holds it
 * changes nothing the administrator sees. The login address is not the administrator's to change: a
 * member with a login keeps logging in with theirs; one without a login is given the new address in
 * the email lookup, if no account holds it, for the invitation that will give them a login.
 * Blocking: call it off the event loop.
 */
@Service
record MemberAdministration(JdbcTemplate jdbc, MemberRecords records, MemberAddresses addresses, AccountStore accounts,
                            EmailHasher emailHasher, CommandGateway commands, TransactionTemplate tx) {

    record Edit(String nickname, String gender, String employeeId, String email, String position, LocalDate entryDate,
                String department) {
    }

    void edit(UUID organizationId, UUID memberId, Edit edit) {
        byte[] emailHash = emailHasher.hash(edit.email());
        tx.executeWithoutResult(status -> {
            MemberRecords.Ref member = requireMember(organizationId, memberId);
            Optional<UUID> holder = addresses.memberAt(organizationId, emailHash);
            if (holder.isPresent() && !holder.get().equals(memberId)) {
                throw CommandErrors.EMAIL_TAKEN.refusal("Another member of this organization has this email.");
            }
            addresses.set(memberId, organizationId, emailHash);
            if (!accounts.hasLogin(memberId)) {
                accounts.moveEmailIfFree(memberId, emailHash);
            }
            commands.sendAndWait(new ChangeMemberRecord(member, edit.nickname(), edit.gender(), edit.employeeId(),
                    edit.email(), edit.position(), edit.entryDate(), edit.department()));
            jdbc.update("UPDATE member_directory SET department = ? WHERE member_id = ?", edit.department(), memberId);
        });
    }

    /**
     * Deactivates the member and, in the same transaction, marks them inactive in the directory (their
     * login is then refused with {@code account-deactivated}, statements naming them are refused) and
     * raises their session version, so every token they hold is refused on every instance once it
     * commits, as after a password change or an erasure.
     */
    void deactivate(UUID organizationId, UUID memberId) {
        tx.executeWithoutResult(status -> {
            commands.sendAndWait(new DeactivateMember(requireMember(organizationId, memberId)));
            setActive(memberId, false);
            accounts.revokeSessions(memberId);
        });
    }

    /** Reactivates the member: they may log in again and be named in statements; old tokens stay revoked. */
    void reactivate(UUID organizationId, UUID memberId) {
        tx.executeWithoutResult(status -> {
            commands.sendAndWait(new ReactivateMember(requireMember(organizationId, memberId)));
            setActive(memberId, true);
        });
    }

    private void setActive(UUID memberId, boolean active) {
        jdbc.update("UPDATE member_directory SET active = ? WHERE member_id = ?", active, memberId);
    }

    private MemberRecords.Ref requireMember(UUID organizationId, UUID memberId) {
        return records.of(organizationId, memberId).orElseThrow(
                () -> CommandErrors.MEMBER_NOT_FOUND.refusal("No member with this id."));
    }
}
