package org.elearn.command.xapi.validation;

import static org.elearn.command.xapi.validation.ValueRule.BOOLEAN;
import static org.elearn.command.xapi.validation.ValueRule.DURATION;
import static org.elearn.command.xapi.validation.ValueRule.EXTENSIONS;
import static org.elearn.command.xapi.validation.ValueRule.IRI;
import static org.elearn.command.xapi.validation.ValueRule.IRL;
import static org.elearn.command.xapi.validation.ValueRule.LANGUAGE_MAP;
import static org.elearn.command.xapi.validation.ValueRule.LANGUAGE_TAG;
import static org.elearn.command.xapi.validation.ValueRule.MBOX;
import static org.elearn.command.xapi.validation.ValueRule.NON_NEGATIVE_INTEGER;
import static org.elearn.command.xapi.validation.ValueRule.NUMBER;
import static org.elearn.command.xapi.validation.ValueRule.SHA1;
import static org.elearn.command.xapi.validation.ValueRule.SHA2;
import static org.elearn.command.xapi.validation.ValueRule.STRING;
import static org.elearn.command.xapi.validation.ValueRule.TIMESTAMP;
import static org.elearn.command.xapi.validation.ValueRule.UUID;
import static org.elearn.command.xapi.validation.ValueRule.VERSION;
import static org.elearn.command.xapi.validation.ValueRule.arrayOf;
import static org.elearn.command.xapi.validation.ValueRule.byObjectType;
import static org.elearn.command.xapi.validation.ValueRule.distinctIds;
import static org.elearn.command.xapi.validation.ValueRule.number;
import static org.elearn.command.xapi.validation.ValueRule.object;
import static org.elearn.command.xapi.validation.ValueRule.oneOf;
import static org.elearn.command.xapi.validation.ValueRule.oneOrMany;
import static org.elearn.command.xapi.validation.ValueRule.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import org.elearn.command.CommandErrors;

/**
 * The xAPI 1.0.3 Data part's MUSTs for a statement, as one table per object type. Each row is a
 * property: its name, required or optional, and the kind of its value; a property not in its type's
 * table is refused, and so is {@code null} anywhere but inside extensions. The few rules spanning
 * properties are listed with their type: exactly one identifier for an Agent, at most one for a
 * Group and members for an anonymous one, an authority Group of exactly two Agents, interaction
 * components only with their {@code interactionType}, score bounds, {@code revision} and
 * {@code platform} only with an Activity object, and the voiding verb only with a StatementRef.
 */
final class StatementRules {

    static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";
    static final String[] IFIS = {"mbox", "mbox_sha1sum", "openid", "account"};
    /** Context properties that only make sense about an Activity. */
    static final String[] ACTIVITY_CONTEXT = {"revision", "platform"};

    static final ObjectType ACCOUNT = ObjectType.named("Account", "an account")
            .required("homePage", IRL)
            .required("name", string(XapiValues.MAX_NAME))
            .rule((node, at, statement) -> {
                if (node.get("name").textValue().isBlank()) {
                    throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at.child("name"),
                            "must not be blank");
                }
            })
            .build();

    static final ObjectType AGENT = identifiable(ObjectType.named("Agent", "an Agent")
                    .optional("objectType", oneOf("Agent")))
            .rule((node, at, statement) -> {
                if (identifiers(node) != 1) {
                    throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at,
                            "needs exactly one identifier: mbox, mbox_sha1sum, openid or account");
                }
            })
            .build();
    /** A Group's member: an Agent, never a Group. */
    static final ObjectType MEMBER = AGENT;

    static final ObjectType GROUP = group(false);
    /** An authority given as a Group: the two Agents of a three-legged OAuth, no identifier of its own. */
    static final ObjectType AUTHORITY_GROUP = group(true);

    static final ObjectType VERB = ObjectType.named("Verb", "a Verb")
            .required("id", IRI)
            .optional("display", LANGUAGE_MAP)
            .build();

    static final ObjectType INTERACTION_COMPONENT = ObjectType.named("InteractionComponent",
                    "an interaction component")
            .required("id", STRING)
            .optional("description", LANGUAGE_MAP)
            .build();

    static final String[] INTERACTION_TYPES = {"true-false", "choice", "fill-in", "long-fill-in", "matching",
        "performance", "sequencing", "likert", "numeric", "other"};
    /** Which component lists each interactionType uses; the others use none. */
    static final Map<String, Set<String>> COMPONENTS = Map.of(
            "choice", Set.of("choices"),
            "sequencing", Set.of("choices"),
            "likert", Set.of("scale"),
            "matching", Set.of("source", "target"),
            "performance", Set.of("steps"));
    static final String[] COMPONENT_LISTS = {"choices", "scale", "source", "target", "steps",
        "correctResponsesPattern"};

    static final ObjectType DEFINITION = ObjectType.named("ActivityDefinition", "an Activity definition")
            .optional("name", LANGUAGE_MAP)
            .optional("description", LANGUAGE_MAP)
            .optional("type", IRI)
            .optional("moreInfo", IRL)
            .optional("extensions", EXTENSIONS)
            .optional("interactionType", oneOf(INTERACTION_TYPES))
            .optional("correctResponsesPattern", arrayOf(STRING))
            .optional("choices", distinctIds(INTERACTION_COMPONENT))
            .optional("scale", distinctIds(INTERACTION_COMPONENT))
            .optional("source", distinctIds(INTERACTION_COMPONENT))
            .optional("target", distinctIds(INTERACTION_COMPONENT))
            .optional("steps", distinctIds(INTERACTION_COMPONENT))
            .rule(StatementRules::interactionComponents)
            .build();

    static final ObjectType ACTIVITY = ObjectType.named("Activity", "an Activity")
            .optional("objectType", oneOf("Activity"))
            .required("id", IRI)
            .optional("definition", object(DEFINITION))
            .build();

    static final ObjectType STATEMENT_REF = ObjectType.named("StatementRef", "a StatementRef")
            .required("objectType", oneOf("StatementRef"))
            .required("id", UUID)
            .build();

    static final ObjectType SCORE = ObjectType.named("Score", "a score")
            .optional("scaled", number(-1, 1))
            .optional("raw", NUMBER)
            .optional("min", NUMBER)
            .optional("max", NUMBER)
            .rule(StatementRules::scoreBounds)
            .build();

    static final ObjectType RESULT = ObjectType.named("Result", "a result")
            .optional("score", object(SCORE))
            .optional("success", BOOLEAN)
            .optional("completion", BOOLEAN)
            .optional("response", string(XapiValues.MAX_RESPONSE))
            .optional("duration", DURATION)
            .optional("extensions", EXTENSIONS)
            .build();

    static final ObjectType CONTEXT_ACTIVITIES = ObjectType.named("ContextActivities", "contextActivities")
            .optional("parent", oneOrMany(ACTIVITY))
            .optional("grouping", oneOrMany(ACTIVITY))
            .optional("category", oneOrMany(ACTIVITY))
            .optional("other", oneOrMany(ACTIVITY))
            .rule((node, at, statement) -> {
                if (node.isEmpty()) {
                    throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at,
                            "must have at least one of parent, grouping, category or other");
                }
            })
            .build();

    static final ObjectType CONTEXT = ObjectType.named("Context", "a context")
            .optional("registration", UUID)
            .optional("instructor", byObjectType("Agent", AGENT, GROUP))
            .optional("team", object(GROUP))
            .optional("contextActivities", object(CONTEXT_ACTIVITIES))
            .optional("revision", STRING)
            .optional("platform", STRING)
            .optional("language", LANGUAGE_TAG)
            .optional("statement", object(STATEMENT_REF))
            .optional("extensions", EXTENSIONS)
            .build();

    static final ObjectType ATTACHMENT = ObjectType.named("Attachment", "an attachment")
            .required("usageType", IRI)
            .required("display", LANGUAGE_MAP)
            .optional("description", LANGUAGE_MAP)
            .required("contentType", STRING)
            .required("length", NON_NEGATIVE_INTEGER)
            .required("sha2", SHA2)
            .optional("fileUrl", IRL)
            .build();

    /** A SubStatement: a statement without id, stored, version or authority, whose object is no SubStatement. */
    static final ObjectType SUB_STATEMENT = ObjectType.named("SubStatement", "a SubStatement")
            .required("objectType", oneOf("SubStatement"))
            .required("actor", byObjectType("Agent", AGENT, GROUP))
            .required("verb", object(VERB))
            .required("object", byObjectType("Activity", ACTIVITY, AGENT, GROUP, STATEMENT_REF))
            .optional("result", object(RESULT))
            .optional("context", object(CONTEXT))
            .optional("timestamp", TIMESTAMP)
            .optional("attachments", arrayOf(object(ATTACHMENT)))
            .rule(StatementRules::contextOfAnActivity)
            .build();

    static final ObjectType STATEMENT = ObjectType.named("Statement", "a Statement")
            .optional("id", UUID)
            .required("actor", byObjectType("Agent", AGENT, GROUP))
            .required("verb", object(VERB))
            .required("object", byObjectType("Activity", ACTIVITY, AGENT, GROUP, STATEMENT_REF, SUB_STATEMENT))
            .optional("result", object(RESULT))
            .optional("context", object(CONTEXT))
            .optional("timestamp", TIMESTAMP)
            .optional("stored", TIMESTAMP)
            .optional("authority", byObjectType("Agent", AGENT, AUTHORITY_GROUP))
            .optional("version", VERSION)
            .optional("attachments", arrayOf(object(ATTACHMENT)))
            .rule(StatementRules::contextOfAnActivity)
            .rule(StatementRules::voidingNamesAStatement)
            .build();

    private StatementRules() {
    }

    /** An Agent's or Group's name and identifiers (inverse functional identifiers, IFIs). */
    private static ObjectType.Builder identifiable(ObjectType.Builder type) {
        return type.optional("name", STRING)
                .optional("mbox", MBOX)
                .optional("mbox_sha1sum", SHA1)
                .optional("openid", IRI)
                .optional("account", object(ACCOUNT));
    }

    private static ObjectType group(boolean authority) {
        return identifiable(ObjectType.named("Group", "a Group")
                        .required("objectType", oneOf("Group")))
                .optional("member", arrayOf(object(MEMBER)))
                .rule(authority ? StatementRules::twoAgentsOfOAuth : StatementRules::identifiedOrListed)
                .build();
    }

    static int identifiers(JsonNode agent) {
        int count = 0;
        for (String ifi : IFIS) {
            if (agent.has(ifi)) {
                count++;
            }
        }
        return count;
    }

    private static void identifiedOrListed(JsonNode group, Path at, int statement) {
        int identifiers = identifiers(group);
        if (identifiers > 1) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at,
                    "needs at most one identifier: mbox, mbox_sha1sum, openid or account");
        }
        if (identifiers == 0) {
            JsonNode member = group.get("member");
            if (member == null) {
                throw StatementRefusal.at(CommandErrors.MISSING_FIELD, statement, at.child("member"),
                        "is missing: an anonymous Group lists its members");
            }
            if (member.isEmpty()) {
                throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at.child("member"),
                        "must list at least one Agent in an anonymous Group");
            }
        }
    }

    private static void twoAgentsOfOAuth(JsonNode group, Path at, int statement) {
        if (identifiers(group) != 0) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at,
                    "as a Group must have no identifier of its own");
        }
        JsonNode member = group.get("member");
        if (member == null || member.size() != 2) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at.child("member"),
                    "of an authority Group must be exactly two Agents");
        }
    }

    private static void interactionComponents(JsonNode definition, Path at, int statement) {
        JsonNode typeNode = definition.get("interactionType");
        String type = typeNode == null ? null : typeNode.textValue();
        for (String list : COMPONENT_LISTS) {
            if (!definition.has(list)) {
                continue;
            }
            if (type == null) {
                throw StatementRefusal.at(CommandErrors.MISSING_FIELD, statement, at.child("interactionType"),
                        "is missing, and " + list + " needs it");
            }
            if (!"correctResponsesPattern".equals(list) && !COMPONENTS.getOrDefault(type, Set.of()).contains(list)) {
                throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at.child(list),
                        "is not used with interactionType " + type);
            }
        }
    }

    private static void scoreBounds(JsonNode score, Path at, int statement) {
        JsonNode min = score.get("min");
        JsonNode max = score.get("max");
        JsonNode raw = score.get("raw");
        if (min != null && max != null && min.doubleValue() >= max.doubleValue()) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at.child("min"),
                    "must be less than max");
        }
        if (raw != null && (min != null && raw.doubleValue() < min.doubleValue()
                || max != null && raw.doubleValue() > max.doubleValue())) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at.child("raw"),
                    "must be within min and max");
        }
    }

    private static void contextOfAnActivity(JsonNode statementNode, Path at, int statement) {
        JsonNode context = statementNode.get("context");
        if (context == null) {
            return;
        }
        JsonNode type = statementNode.get("object").get("objectType");
        if (type == null || "Activity".equals(type.textValue())) {
            return;
        }
        for (String property : ACTIVITY_CONTEXT) {
            if (context.has(property)) {
                throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement,
                        at.child("context").child(property), "is only allowed when the object is an Activity");
            }
        }
    }

    private static void voidingNamesAStatement(JsonNode statementNode, Path at, int statement) {
        if (VOIDED.equals(statementNode.get("verb").get("id").textValue())) {
            JsonNode type = statementNode.get("object").get("objectType");
            if (type == null || !"StatementRef".equals(type.textValue())) {
                throw StatementRefusal.at(CommandErrors.VOIDING_NOT_STATEMENT_REF, statement,
                        at.child("object").child("objectType"),
                        "must be StatementRef: a voiding statement names the statement it voids");
            }
        }
    }
}
