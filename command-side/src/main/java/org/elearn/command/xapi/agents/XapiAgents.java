package org.elearn.command.xapi.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.UUID;
import org.elearn.command.xapi.protocol.XapiProperties;
import org.elearn.command.xapi.statements.ActorResolver;
import org.elearn.command.xapi.statements.Agent;
import org.elearn.command.xapi.statements.StatementParser;
import org.elearn.support.errors.DomainException;
import org.springframework.stereotype.Component;

/**
 * The LRS's other resources (documents, Agents, Activities) name agents and activities as request
 * parameters: this reads them with the statements' rules and resolves an agent to its data subject
 * in the organization exactly as ingestion resolves a statement's actor ({@link ActorResolver}).
 */
@Component
public class XapiAgents {

    /**
     * An agent named by a request, resolved in an organization.
     *
     * @param kind       the identifier: {@code mbox}, {@code mbox_sha1sum}, {@code openid} or {@code account}
     * @param value      its value; for an account, the name
     * @param homePage   for an account, its home page; else null
     * @param subjectId  whose data it is
     * @param member     whether the subject is a member of the organization
     * @param deactivated whether that member is deactivated
     * @param erased     whether the identifier is a tombstone of an erased person
     * @param accountHomePage the home page that names members by id
     */
    public record NamedAgent(String kind, String value, String homePage, UUID subjectId, boolean member,
                             boolean deactivated, boolean erased, String accountHomePage) {
    }

    private final ActorResolver actors;
    private final String accountHomePage;

    XapiAgents(ActorResolver actors, XapiProperties xapi) {
        this.actors = actors;
        this.accountHomePage = xapi.accountHomePage();
    }

    /**
     * Reads the agent (a JSON object with exactly one identifier) and resolves it. Blocking: one or
     * two queries.
     *
     * @param parameter the request parameter it came from, for the refusal's message
     */
    public NamedAgent resolve(UUID organizationId, JsonNode json, String parameter) {
        Agent agent = parameter(parameter, () -> {
            StatementParser.refuseControlCharacters(new StatementParser.Context(0), json);
            return StatementParser.agent(new StatementParser.Context(0), json, parameter);
        });
        ActorResolver.Actor actor = actors.resolve(organizationId, List.of(agent)).get(agent);
        return new NamedAgent(agent.kind(), agent.value(), agent.homePage(), actor.subjectId(), actor.member(),
                actor.deactivated(), actor.erased(), accountHomePage);
    }

    /** An activity id: an absolute IRI of at most 2,048 characters, or 400 {@code invalid-iri}. */
    public static String activityId(String value, String parameter) {
        return parameter(parameter, () -> StatementParser.iri(new StatementParser.Context(0), TextNode.valueOf(value),
                parameter));
    }

    /** A registration: a UUID, or 400 {@code invalid-uuid}. */
    public static UUID registration(String value, String parameter) {
        return parameter(parameter, () -> StatementParser.uuid(new StatementParser.Context(0), TextNode.valueOf(value),
                parameter));
    }

    /** The statements' refusals, worded for a request parameter instead of a statement of a batch. */
    private static <T> T parameter(String parameter, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (DomainException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^Statement 0: ?", "");
            throw e.error().refusal("The " + parameter + " parameter: " + detail,
                    java.util.Map.of("parameter", parameter));
        }
    }
}
