package org.elearn.command.xapi.statements;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.command.membership.MemberAddresses;
import org.elearn.command.membership.MemberEmails;
import org.elearn.command.privacy.BeforeAccountErasure;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tombstones of the xAPI identifiers an erased person could be named by, per organization, so that
 * statements naming them are refused (410) rather than stored under a new subject: their
 * {@code mbox} and the {@code mbox_sha1sum} of it. (Their {@code account} names the member id, whose
 * erasure fence already refuses it; members have no {@code openid}.) Each identifier is kept only as a
 * keyed hash, with the keyed hash of the address it derives from, so that claiming the address again
 * for a member of the organization lifts them ({@link MemberAddresses}).
 */
@Component
public record ErasedActors(JdbcTemplate jdbc, MemberAddresses addresses, EmailHasher hasher,
                           MemberEmails emails) implements BeforeAccountErasure {

    /**
     * The keyed hash a tombstone of this identifier is stored under. An {@code mbox} uses the email
     * lookup's hash of the normalised address, so every spelling the lookup treats as equal matches
     * and an account's tombstone needs no address in clear.
     */
    byte[] identifierHash(Agent agent) {
        return "mbox".equals(agent.kind()) ? hasher.hash(agent.email())
                : hasher.keyedHash("xapi-erased-identifier\u0000" + agent.canonical());
    }

    /**
     * In the erasure's transaction, while the member's address and the data key still exist: the
     * organization's address for the member, and its SHA-1 from the address read back from the member's events.
     */
    @Override
    public void accountErasing(UUID userId, UUID organizationId) {
        if (organizationId == null) {
            return; // in no organization, nobody's statements ever named them as a member
        }
        addresses.addressOf(userId).ifPresent(emailHash ->
                record(organizationId, emailHash, emails.current(userId)));
    }

    /** Tombstones of an agent erased by their {@code mbox}. */
    public void recordAgent(UUID organizationId, Agent agent) {
        if ("mbox".equals(agent.kind())) {
            record(organizationId, hasher.hash(agent.email()), Optional.of(agent.email()));
        }
    }

    private void record(UUID organizationId, byte[] emailHash, Optional<String> email) {
        List<byte[]> identifiers = new ArrayList<>(List.of(emailHash));
        // a client hashes the address as it spells it: as stated, and as the lookup normalises it
        email.ifPresent(address -> new LinkedHashSet<>(List.of(address.strip(), EmailHasher.normalise(address)))
                .forEach(spelling -> identifiers.add(
                        identifierHash(new Agent("mbox_sha1sum", sha1Hex("mailto:" + spelling), null)))));
        jdbc.batchUpdate("INSERT INTO erased_actor_identifier (organization_id, identifier_hmac, email_hmac) "
                        + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                identifiers.stream().map(id -> new Object[] {organizationId, id, emailHash}).toList());
    }

    private static String sha1Hex(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }
}
