package org.elearn.command.activity;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.identity.AccountStore;
import org.elearn.support.privacy.EmailHasher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who a statement is about. A member of the credential's organization, by {@code account} (the
 * configured home page and the member id as name) or by {@code mbox} (through the keyed-hash email
 * lookup), is that member. Anyone else, members of other organizations included, is a subject of
 * their own: a UUID derived from a keyed hash of the organization and their identifier, so the same
 * agent in the same organization is always the same subject and nobody can compute it without the key.
 */
@Component
class ActorResolver {

    /**
     * The data subject a statement is about, whether it is a member of the organization, and whether
     * that member is deactivated (then their statements are refused).
     */
    record Actor(UUID subjectId, boolean member, boolean deactivated) {
    }

    private final JdbcTemplate jdbc;
    private final AccountStore accounts;
    private final EmailHasher hasher;
    private final String accountHomePage;

    ActorResolver(JdbcTemplate jdbc, AccountStore accounts, EmailHasher hasher,
                  @Value("${learning.xapi.account-home-page}") String accountHomePage) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.hasher = hasher;
        this.accountHomePage = accountHomePage;
    }

    /** Blocking: one query for accounts, one for emails, one for membership. */
    Map<Agent, Actor> resolve(UUID organizationId, Collection<Agent> agents) {
        Map<Agent, UUID> candidates = new HashMap<>();
        Map<String, Agent> byEmailHash = new HashMap<>();
        for (Agent agent : agents) {
            if ("account".equals(agent.kind()) && accountHomePage.equals(agent.homePage())) {
                parseUuid(agent.value()).ifPresent(id -> candidates.put(agent, id));
            } else if ("mbox".equals(agent.kind())) {
                byEmailHash.put(HexFormat.of().formatHex(hasher.hash(agent.email())), agent);
            }
        }
        if (!byEmailHash.isEmpty()) {
            accounts.userIdsForEmails(byEmailHash.keySet().stream().map(HexFormat.of()::parseHex).toList())
                    .forEach((hash, userId) -> candidates.put(byEmailHash.get(hash), userId));
        }
        Map<UUID, Boolean> members = members(organizationId, candidates.values());
        Map<Agent, Actor> actors = new HashMap<>();
        for (Agent agent : agents) {
            UUID candidate = candidates.get(agent);
            actors.put(agent, candidate != null && members.containsKey(candidate)
                    ? new Actor(candidate, true, !members.get(candidate))
                    : new Actor(outsiderSubject(organizationId, agent), false, false));
        }
        return actors;
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
