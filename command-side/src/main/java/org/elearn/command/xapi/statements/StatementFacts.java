package org.elearn.command.xapi.statements;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.elearn.command.xapi.validation.XapiValues;
import org.elearn.support.errors.DomainException;

/**
 * What statement queries filter on, taken from a statement as it is stored: the object's activity
 * or agent, the registration, every activity it names (object, context activities, a SubStatement's)
 * and every agent it names besides its actor (object, instructor, team, a SubStatement's; a group's
 * members with it), and the members of the actor and the object when they are groups. Agents are
 * kept as identifiers here; {@link #resolve} turns them into subject ids, so only pseudonymous ids
 * reach the database. Agents without an identifier (anonymous groups) are left out.
 *
 * @param objectActivity the object's id when it is an Activity
 * @param objectAgent the object when it is an identified Agent or Group
 * @param registration {@code context.registration}
 * @param activityIds the object's and every related activity id
 * @param relatedAgents the object, instructor and team, and a SubStatement's actor, object, instructor and team
 */
record StatementFacts(String objectActivity, Agent objectAgent, UUID registration, List<String> activityIds,
                      List<Agent> relatedAgents, List<Agent> groupMembers) {

    private static final List<String> CONTEXT_ACTIVITIES = List.of("parent", "grouping", "category", "other");

    /**
     * What a query filters on, with agents as subject ids. The ledger row keeps the actor, the object
     * and the authority (its credential) in columns of their own, so the lists hold only what no column
     * holds: they are empty for most statements, which then cost the array indexes nothing.
     *
     * @param activityIds the related activities besides the object's
     * @param agentIds the related agents besides the actor, the authority and the object, members of
     *                 related groups included
     * @param memberIds the members of the actor and of the object when they are Groups: the {@code agent}
     *                  filter matches them as it matches the actor and the object (xAPI 1.0.3)
     */
    record Indexed(String objectActivity, UUID objectSubject, UUID registration, List<String> activityIds,
                   List<UUID> agentIds, List<UUID> memberIds) {
    }

    static StatementFacts of(JsonNode statement) {
        JsonNode object = statement.path("object");
        String type = object.path("objectType").asText("Activity");
        String objectActivity = null;
        Agent objectAgent = null;
        Set<String> activities = new LinkedHashSet<>();
        List<Agent> related = new ArrayList<>();
        List<Agent> members = new ArrayList<>();
        addMembers(members, statement.path("actor"));
        switch (type) {
            case "Activity" -> {
                objectActivity = object.path("id").asText();
                activities.add(objectActivity);
            }
            case "Agent", "Group" -> {
                objectAgent = agent(object);
                if (objectAgent != null) {
                    related.add(objectAgent);
                }
                addMembers(members, object);
            }
            case "SubStatement" -> {
                addAgent(related, object.path("actor"));
                JsonNode inner = object.path("object");
                String innerType = inner.path("objectType").asText("Activity");
                if ("Activity".equals(innerType)) {
                    addActivity(activities, inner);
                } else if ("Agent".equals(innerType) || "Group".equals(innerType)) {
                    addAgent(related, inner);
                }
                context(object.path("context"), activities, related);
            }
            default -> {
                // a StatementRef names no activity and no agent
            }
        }
        context(statement.path("context"), activities, related);
        JsonNode registration = statement.path("context").path("registration");
        return new StatementFacts(objectActivity, objectAgent,
                registration.isTextual() ? UUID.fromString(registration.asText()) : null,
                List.copyOf(activities), List.copyOf(related), List.copyOf(members));
    }

    /** Every agent to resolve for this statement, besides its actor. */
    Stream<Agent> agents() {
        return Stream.concat(relatedAgents.stream(), groupMembers.stream());
    }

    /** The facts with agents as subject ids, leaving out those the ledger row has columns for. */
    Indexed resolve(UUID actor, UUID authority, Function<Agent, UUID> subjectOf) {
        UUID objectSubject = objectAgent == null ? null : subjectOf.apply(objectAgent);
        Set<UUID> agents = new LinkedHashSet<>();
        relatedAgents.forEach(agent -> agents.add(subjectOf.apply(agent)));
        agents.remove(actor);
        agents.remove(authority);
        agents.remove(objectSubject);
        List<String> activities = activityIds.stream().filter(id -> !id.equals(objectActivity)).toList();
        Set<UUID> members = new LinkedHashSet<>();
        groupMembers.forEach(agent -> members.add(subjectOf.apply(agent)));
        return new Indexed(objectActivity, objectSubject, registration, activities, List.copyOf(agents),
                List.copyOf(members));
    }

    private static void context(JsonNode context, Set<String> activities, List<Agent> related) {
        if (!context.isObject()) {
            return;
        }
        JsonNode contextActivities = context.path("contextActivities");
        for (String kind : CONTEXT_ACTIVITIES) {
            JsonNode value = contextActivities.path(kind);
            if (value.isArray()) {
                value.forEach(activity -> addActivity(activities, activity));
            } else {
                addActivity(activities, value);
            }
        }
        addAgent(related, context.path("instructor"));
        addAgent(related, context.path("team"));
    }

    private static void addActivity(Set<String> activities, JsonNode activity) {
        JsonNode id = activity.path("id");
        if (id.isTextual() && XapiValues.iri(id.asText())) {
            activities.add(id.asText());
        }
    }

    /** The agent or identified group, and a group's members (of an anonymous group too). */
    private static void addAgent(List<Agent> related, JsonNode node) {
        Agent agent = agent(node);
        if (agent != null) {
            related.add(agent);
        }
        addMembers(related, node);
    }

    /** A group's identified members; nothing for an agent. */
    private static void addMembers(List<Agent> agents, JsonNode node) {
        JsonNode members = node.path("member");
        if ("Group".equals(node.path("objectType").asText()) && members.isArray()) {
            members.forEach(member -> {
                Agent agent = agent(member);
                if (agent != null) {
                    agents.add(agent);
                }
            });
        }
    }

    /** The agent or identified group, or null for anything without exactly one valid identifier. */
    static Agent agent(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        try {
            return StatementParser.agent(new StatementParser.Context(0), node, "agent");
        } catch (DomainException notIdentified) {
            return null;
        }
    }
}
