package org.elearn.command.xapi.statements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code format} of statement reads. {@code exact}: as stored. {@code ids}: agents and groups
 * reduced to their identifier (an anonymous group to its members), activities to their id, verbs to
 * their id. {@code canonical}: every language map (a verb's {@code display}, an activity definition's
 * {@code name} and {@code description}, an interaction component's {@code description}, an
 * attachment's {@code display} and {@code description}) keeps one language, the best match of
 * {@code Accept-Language}, else the first it has. Extensions are never touched.
 */
enum StatementFormats {
    EXACT, IDS, CANONICAL;

    private static final Set<String> IDENTIFIERS = Set.of("mbox", "mbox_sha1sum", "openid", "account");
    private static final Set<String> AGENT_FIELDS = Set.of("actor", "authority", "instructor", "team");
    private static final Set<String> LANGUAGE_MAPS = Set.of("display", "name", "description");
    private static final Set<String> CONTEXT_ACTIVITIES = Set.of("parent", "grouping", "category", "other");

    static StatementFormats named(String name) {
        return switch (name) {
            case "exact" -> EXACT;
            case "ids" -> IDS;
            case "canonical" -> CANONICAL;
            default -> throw new IllegalArgumentException(name);
        };
    }

    String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The statement in this format, changed in place. */
    ObjectNode apply(ObjectNode statement, List<Locale.LanguageRange> languages) {
        switch (this) {
            case IDS -> ids(statement);
            case CANONICAL -> canonical(statement, languages);
            default -> {
                // as stored
            }
        }
        return statement;
    }

    private static void ids(ObjectNode statement) {
        for (String field : AGENT_FIELDS) {
            if (statement.get(field) instanceof ObjectNode agent) {
                statement.set(field, agentIds(agent));
            }
        }
        if (statement.get("verb") instanceof ObjectNode verb) {
            verb.retain("id");
        }
        if (statement.get("object") instanceof ObjectNode object) {
            String type = object.path("objectType").asText("Activity");
            switch (type) {
                case "Activity" -> object.retain("id", "objectType");
                case "Agent", "Group" -> statement.set("object", agentIds(object));
                case "SubStatement" -> ids(object);
                default -> {
                    // a StatementRef is its id already
                }
            }
        }
        if (statement.get("context") instanceof ObjectNode context) {
            for (String field : AGENT_FIELDS) {
                if (context.get(field) instanceof ObjectNode agent) {
                    context.set(field, agentIds(agent));
                }
            }
            if (context.get("contextActivities") instanceof ObjectNode activities) {
                for (String kind : CONTEXT_ACTIVITIES) {
                    JsonNode value = activities.get(kind);
                    if (value instanceof ObjectNode one) {
                        one.retain("id", "objectType");
                    } else if (value instanceof ArrayNode many) {
                        many.forEach(a -> {
                            if (a instanceof ObjectNode activity) {
                                activity.retain("id", "objectType");
                            }
                        });
                    }
                }
            }
        }
    }

    private static ObjectNode agentIds(ObjectNode agent) {
        ObjectNode reduced = agent.objectNode();
        if (agent.has("objectType")) {
            reduced.set("objectType", agent.get("objectType"));
        }
        boolean identified = false;
        for (String field : IDENTIFIERS) {
            if (agent.has(field)) {
                reduced.set(field, agent.get(field));
                identified = true;
            }
        }
        if (!identified && agent.get("member") instanceof ArrayNode members) {
            ArrayNode reducedMembers = reduced.putArray("member");
            members.forEach(m -> reducedMembers.add(m instanceof ObjectNode member ? agentIds(member) : m));
        }
        return reduced;
    }

    private static void canonical(JsonNode node, List<Locale.LanguageRange> languages) {
        if (node instanceof ObjectNode object) {
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                JsonNode value = object.get(field);
                if ("extensions".equals(field)) {
                    continue;
                }
                if (LANGUAGE_MAPS.contains(field) && value instanceof ObjectNode map && isLanguageMap(map)) {
                    object.set(field, pick(map, languages));
                } else {
                    canonical(value, languages);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> canonical(item, languages));
        }
    }

    private static boolean isLanguageMap(ObjectNode map) {
        for (JsonNode value : map) {
            if (!value.isTextual()) {
                return false;
            }
        }
        return !map.isEmpty();
    }

    /** The map with one entry: the best match of the ranges (RFC 4647 lookup), else its first. */
    private static ObjectNode pick(ObjectNode map, List<Locale.LanguageRange> languages) {
        List<String> tags = new ArrayList<>();
        map.fieldNames().forEachRemaining(tags::add);
        String chosen = languages.isEmpty() ? null : Locale.lookupTag(languages, tags);
        if (chosen == null) {
            chosen = tags.get(0);
        } else {
            String lower = chosen;
            chosen = tags.stream().filter(t -> t.equalsIgnoreCase(lower)).findFirst().orElse(tags.get(0));
        }
        ObjectNode one = map.objectNode();
        one.set(chosen, map.get(chosen));
        return one;
    }
}
