package org.elearn.command.xapi.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elearn.command.xapi.agents.XapiAgents;
import org.elearn.command.xapi.credentials.IngestionCredentials;
import org.elearn.command.xapi.statements.ActivityDefinitions;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The xAPI Agents and Activities resources. {@code GET /xapi/agents?agent=} answers the Person the
 * LRS knows in the credential's organization: the identifiers given, and for a member, the account
 * that names them ({@code homePage} and member id); names are kept only encrypted, so {@code name}
 * holds only the name the request's agent gave (empty without one).
 * {@code GET /xapi/activities?activityId=} answers the Activity with the richest
 * definition the organization's statements gave it ({@link ActivityDefinitions}).
 */
@RestController
record XapiAgentsController(XapiAgents agents, ObjectMapper json, ActivityDefinitions definitions) {

    @GetMapping(path = "/xapi/agents", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> person(@RequestParam(required = false) String agent, ServerHttpRequest request,
                                     @AuthenticationPrincipal IngestionCredentials.Credential credential) {
        XapiParameters.only(request.getQueryParams(), Set.of("agent"), "Agents resource");
        JsonNode given = XapiParameters.agent(json, agent);
        return Mono.fromCallable(() -> person(agents.resolve(credential.organizationId(), given, "agent"), given))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(path = "/xapi/activities", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> activity(@RequestParam(required = false) String activityId, ServerHttpRequest request,
                                       @AuthenticationPrincipal IngestionCredentials.Credential credential) {
        XapiParameters.only(request.getQueryParams(), Set.of("activityId"), "Activities resource");
        String id = XapiAgents.activityId(XapiParameters.required("activityId", activityId), "activityId");
        return Mono.fromCallable(() -> {
            Map<String, Object> activity = new LinkedHashMap<>();
            activity.put("objectType", "Activity");
            activity.put("id", id);
            definitions.definition(credential.organizationId(), id).ifPresent(d -> activity.put("definition", d));
            return activity;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static Map<String, Object> person(XapiAgents.NamedAgent agent, JsonNode given) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("objectType", "Person");
        // the names the request gave: the LRS keeps names only encrypted, so it adds none of its own
        person.put("name", given.path("name").isTextual() ? List.of(given.get("name").textValue()) : List.of());
        List<Map<String, String>> accounts = new ArrayList<>();
        switch (agent.kind()) {
            case "account" -> accounts.add(Map.of("homePage", agent.homePage(), "name", agent.value()));
            default -> person.put(agent.kind(), List.of(agent.value()));
        }
        // a member found by address is also the account that names them; nothing of an erased person is linked
        if (agent.member() && !"account".equals(agent.kind())) {
            accounts.add(Map.of("homePage", agent.accountHomePage(), "name", agent.subjectId().toString()));
        }
        if (!accounts.isEmpty()) {
            person.put("account", accounts);
        }
        return person;
    }
}
