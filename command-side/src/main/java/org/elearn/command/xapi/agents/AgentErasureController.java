package org.elearn.command.xapi.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.CommandErrors;
import org.elearn.command.privacy.ErasureService;
import org.elearn.command.xapi.statements.ActorResolver;
import org.elearn.command.xapi.statements.Agent;
import org.elearn.command.xapi.statements.ErasedActors;
import org.elearn.command.xapi.statements.StatementParser;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /xapi/agents/erasure}: an administrator erases an actor who is not a member of their
 * organization, by the agent's identifier (the body is the agent). Their data key is destroyed, so
 * every statement about them reads as erased, and further statements about them are refused (410),
 * by the same identifier (the subject's erasure fence) and, for an {@code mbox}, by its SHA-1 too
 * ({@link ErasedActors}).
 * A member is erased through {@code POST /api/users/{id}/erasure} instead.
 */
@RestController
record AgentErasureController(ActorResolver actors, ErasedActors erasedActors, ErasureService erasure) {

    @PostMapping(path = "/xapi/agents/erasure", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> erase(@RequestBody JsonNode agentJson,
                                                    @AuthenticationPrincipal Jwt caller) {
        if (!Caller.hasRole(caller, Roles.ORG_ADMIN) || Caller.organization(caller) == null) {
            throw Caller.forbidden(Roles.ORG_ADMIN);
        }
        UUID organization = UUID.fromString(Caller.organization(caller));
        StatementParser.refuseControlCharacters(new StatementParser.Context(0), agentJson);
        Agent agent = StatementParser.agent(new StatementParser.Context(0), agentJson, "agent");
        return Mono.fromCallable(() -> {
            ActorResolver.Actor actor = actors.resolve(organization, java.util.List.of(agent)).get(agent);
            if (actor.member()) {
                throw CommandErrors.AGENT_IS_MEMBER.refusal(
                        "This agent is a member of your organization; erase the member's account instead.");
            }
            // first, so that a failed erasure, retried, leaves no identifier open; idempotent
            erasedActors.recordAgent(organization, agent);
            erasure.eraseSubject(actor.subjectId(), organization);
            return ResponseEntity.ok(Map.<String, Object>of("subjectId", actor.subjectId(), "erased", true));
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
