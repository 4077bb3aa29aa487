package org.elearn.command.membership;

import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The address each organization has for each of its members, by keyed hash of the email
 * ({@code member_address}). It is unique within an organization only, and is what imports,
 * administrators' edits, invitations and statements match members by: the email lookup says which
 * account logs in with an address, anywhere, and asking it would tell an administrator about other
 * organizations' members, operators and auditors. Erasure deletes a member's row with their email
 * lookup row. Blocking JDBC: call it off the event loop.
 */
@Repository
public class MemberAddresses {

    private final JdbcTemplate jdbc;

    MemberAddresses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The member of this organization at this address, if any. */
    public Optional<UUID> memberAt(UUID organizationId, byte[] emailHash) {
        return jdbc.query("SELECT member_id FROM member_address WHERE organization_id = ? AND email_hmac = ?",
                (rs, n) -> rs.getObject(1, UUID.class), organizationId, emailHash).stream().findFirst();
    }

    /** The members of this organization at these addresses, keyed by the hex of the email hash. */
    public Map<String, UUID> membersAt(UUID organizationId, Collection<byte[]> emailHashes) {
        Map<String, UUID> found = new HashMap<>();
        if (emailHashes.isEmpty()) {
            return found;
        }
        jdbc.query(con -> {
            var ps = con.prepareStatement(
                    "SELECT email_hmac, member_id FROM member_address WHERE organization_id = ? AND email_hmac = ANY (?)");
            ps.setObject(1, organizationId);
            ps.setArray(2, con.createArrayOf("bytea", emailHashes.toArray(new byte[0][])));
            return ps;
        }, rs -> {
            found.put(HexFormat.of().formatHex(rs.getBytes(1)), rs.getObject(2, UUID.class));
        });
        return found;
    }

    /** The address this organization has for this member, if any. */
    public Optional<byte[]> addressOf(UUID memberId) {
        return jdbc.query("SELECT email_hmac FROM member_address WHERE member_id = ?",
                (rs, n) -> rs.getBytes(1), memberId).stream().findFirst();
    }

    /** Records new members' addresses: {@code member_id, organization_id, email_hmac} each. */
    void add(Collection<Object[]> rows) {
        jdbc.batchUpdate("INSERT INTO member_address (member_id, organization_id, email_hmac) VALUES (?, ?, ?)",
                rows.stream().toList());
        rows.forEach(row -> liftTombstones((UUID) row[1], (byte[]) row[2]));
    }

    /** Records a member's address, or moves it (the caller has checked nobody else here has it). */
    void set(UUID memberId, UUID organizationId, byte[] emailHash) {
        jdbc.update("""
                INSERT INTO member_address (member_id, organization_id, email_hmac) VALUES (?, ?, ?)
                ON CONFLICT (member_id) DO UPDATE SET email_hmac = EXCLUDED.email_hmac""",
                memberId, organizationId, emailHash);
        liftTombstones(organizationId, emailHash);
    }

    /** Records the address of a person who joined by invitation, unless they or the address already have one here. */
    public void join(UUID memberId, UUID organizationId, byte[] emailHash) {
        if (jdbc.update("INSERT INTO member_address (member_id, organization_id, email_hmac) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", memberId, organizationId, emailHash) == 1) {
            liftTombstones(organizationId, emailHash);
        }
    }

    /**
     * An address this organization has for a member again is no longer an erased person's here:
     * statements naming it concern the new member, so the xAPI tombstones derived from it go
     * (docs/privacy.md, "Statements after erasure").
     */
    private void liftTombstones(UUID organizationId, byte[] emailHash) {
        jdbc.update("DELETE FROM erased_actor_identifier WHERE organization_id = ? AND email_hmac = ?",
                organizationId, emailHash);
    }
}
