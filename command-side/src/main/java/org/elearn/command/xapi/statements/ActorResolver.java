package org.elearn.command.xapi.statements;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.elearn.command.membership.MemberAddresses;
import org.elearn.command.xapi.protocol.XapiProperties;
import org.elearn.support.privacy.EmailHasher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who a statement is about. A member of the credential's organization, by {@code account} (the
 * configured home page and the member id as name) or by {@code mbox} (the organization's address for
 * the member, by keyed hash: {@link MemberAddresses}), is that member. Anyone else, members of other organizations included, is a subject of
 * their own: a UUID derived from a keyed hash of the organization and their identifier, so the same
 * agent in the same organization is always the same subject and nobody can compute it without the key.
 * An identifier that is a tombstone of an erased person ({@link ErasedActors}) is erased, unless an
 * account holds the address again.
 */
@Component
public class ActorResolver {

    /**
     * The data subject a statement is about, whether it is a member of the organization, whether
     * that member is deactivated, and whether the identifier names an erased person (then their
     * statements are refused).
     */
    public record Actor(UUID subjectId, boolean member, boolean deactivated, boolean erased) {
    }

    private final JdbcTemplate jdbc;
    private final EmailHasher hasher;
    private final ErasedActors erased;
    private final String accountHomePage;

    ActorResolver(JdbcTemplate jdbc, EmailHasher hasher, ErasedActors erased,
                  XapiProperties xapi) {
        this.jdbc = jdbc;
        this.hasher = hasher;
        this.erased = erased;
        this.accountHomePage = xapi.accountHomePage();
    }

    /**
     * Blocking: one query for the emails (with their members' membership) and the tombstones, and
     * one for the membership of agents named by member id, if any.
     */
    public Map<Agent, Actor> resolve(UUID organizationId, Collection<Agent> agents) {
        Map<Agent, UUID> candidates = new HashMap<>();
        // by the hex of the identifier's keyed hash; an mbox's is the email lookup's hash
        Map<String, Agent> byIdentifierHash = new HashMap<>();
        for (Agent agent : agents) {
            if ("account".equals(agent.kind()) && accountHomePage.equals(agent.homePage())) {
                parseUuid(agent.value()).ifPresent(id -> candidates.put(agent, id));
            } else {
                byIdentifierHash.put(HexFormat.of().formatHex(erased.identifierHash(agent)), agent);
            }
        }
        Set<Agent> tombstoned = new HashSet<>();
        Map<UUID, Boolean> members = new HashMap<>();
        Set<UUID> looked = new HashSet<>();
        if (!byIdentifierHash.isEmpty()) {
            lookUp(organizationId, byIdentifierHash, candidates, tombstoned, members, looked);
        }
        members.putAll(members(organizationId, candidates.values().stream().filter(id -> !looked.contains(id)).toList()));
        Map<Agent, Actor> actors = new HashMap<>();
        for (Agent agent : agents) {
            UUID candidate = candidates.get(agent);
            actors.put(agent, candidate != null && members.containsKey(candidate)
                    ? new Actor(candidate, true, !members.get(candidate), false)
                    : new Actor(outsiderSubject(organizationId, agent), false, false,
                            candidate == null && tombstoned.contains(agent)));
        }
        return actors;
    }

    /**
     * One round trip, the one an {@code mbox} always needed: the organization's members at the agents'
     * emails ({@link MemberAddresses}; a member at the address again wins over its tombstone) and the agents' identifiers
     * that are tombstones in this organization. The members found come with their membership
     * ({@code members}; {@code looked}: every member id found, in the directory or not), which saves
     * a second round trip.
     */
    private void lookUp(UUID organizationId, Map<String, Agent> byIdentifierHash, Map<Agent, UUID> candidates,
                        Set<Agent> tombstoned, Map<UUID, Boolean> members, Set<UUID> looked) {
        byte[][] hashes = byIdentifierHash.keySet().stream().map(HexFormat.of()::parseHex).toArray(byte[][]::new);
        byte[][] emails = byIdentifierHash.entrySet().stream().filter(e -> "mbox".equals(e.getValue().kind()))
                .map(e -> HexFormat.of().parseHex(e.getKey())).toArray(byte[][]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT a.email_hmac, a.member_id, d.active FROM member_address a
                      LEFT JOIN member_directory d ON d.organization_id = a.organization_id AND d.member_id = a.member_id
                     WHERE a.organization_id = ? AND a.email_hmac = ANY (?)
                    UNION ALL
                    SELECT identifier_hmac, NULL, NULL FROM erased_actor_identifier
                     WHERE organization_id = ? AND identifier_hmac = ANY (?)""");
            ps.setObject(1, organizationId);
            ps.setArray(2, con.createArrayOf("bytea", emails));
            ps.setObject(3, organizationId);
            ps.setArray(4, con.createArrayOf("bytea", hashes));
            return ps;
        }, rs -> {
            Agent agent = byIdentifierHash.get(HexFormat.of().formatHex(rs.getBytes(1)));
            UUID holder = rs.getObject(2, UUID.class);
            if (holder != null) {
                candidates.put(agent, holder);
                looked.add(holder);
                Boolean active = (Boolean) rs.getObject(3);
                if (active != null) {
                    members.put(holder, active);
                }
            } else {
                tombstoned.add(agent);
            }
        });
    }

    /** The subject id of an agent who is not a member of the organization. */
    UUID outsiderSubject(UUID organizationId, Agent agent) {
        return UUID.nameUUIDFromBytes(hasher.keyedHash("xapi-agent\u0000" + organizationId + "\u0000"
                + agent.canonical()));
    }

    /** The candidates who are members of the organization, each with whether they are active. */
    private Map<UUID, Boolean> members(UUID organizationId, Collection<UUID> candidates) {
        Map<UUID, Boolean> found = new HashMap<>();
        if (candidates.isEmpty()) {
            return found;
        }
        jdbc.query("SELECT member_id, active FROM member_directory WHERE organization_id = ? AND member_id = ANY (?)",
                rs -> {
                    found.put(rs.getObject(1, UUID.class), rs.getBoolean(2));
                }, organizationId, new HashSet<>(candidates).toArray(new UUID[0]));
        return found;
    }

    private static java.util.Optional<UUID> parseUuid(String value) {
        try {
            UUID id = UUID.fromString(value);
            return id.toString().equalsIgnoreCase(value) ? java.util.Optional.of(id) : java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
