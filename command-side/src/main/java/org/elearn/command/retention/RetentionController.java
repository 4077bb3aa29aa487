package org.elearn.command.retention;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.elearn.command.CommandErrors;
import org.elearn.support.errors.DomainException;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Retention policies. An organization's administrators set the policy
 * ({@code PUT /api/organizations/{org}/retention-policy}), read it, and see who it would erase now
 * and why ({@code GET .../retention-policy/dry-run}). The job applies the policies on a schedule;
 * operators can run it at once ({@code POST /api/operations/retention/runs}).
 */
@RestController
record RetentionController(RetentionPolicies policies, RetentionJob job) {

    private static final String POLICY = "/api/organizations/{organizationId}/retention-policy";
    private static final int DRY_RUN_LIMIT = 1000;

    /** Either rule may be left out (null); at least one is given. Periods are 1 to 3650 days. */
    record PolicyRequest(@Min(1) @Max(RetentionPolicies.MAX_DAYS) Integer afterDeactivationDays,
                         @Min(1) @Max(RetentionPolicies.MAX_DAYS) Integer afterInactivityDays) {
    }

    @PutMapping(path = POLICY, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<RetentionPolicies.Policy> set(@PathVariable UUID organizationId, @Valid @RequestBody PolicyRequest request,
                                       @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        if (request.afterDeactivationDays() == null && request.afterInactivityDays() == null) {
            throw CommandErrors.EMPTY_POLICY.refusal("Give afterDeactivationDays, afterInactivityDays or both.");
        }
        UUID admin = UUID.fromString(caller.getSubject());
        return Mono.fromCallable(() -> policies.set(organizationId, request.afterDeactivationDays(),
                request.afterInactivityDays(), admin)).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(path = POLICY, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<RetentionPolicies.Policy> get(@PathVariable UUID organizationId, @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        return Mono.fromCallable(() -> policies.policy(organizationId).orElseThrow(RetentionController::noPolicy))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Who the policy would erase if the job ran now, and why; at most 1,000 listed, all counted. */
    @GetMapping(path = POLICY + "/dry-run", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> dryRun(@PathVariable UUID organizationId, @AuthenticationPrincipal Jwt caller) {
        Caller.requireAdministratorOf(organizationId, caller);
        return Mono.fromCallable(() -> {
            RetentionPolicies.Policy policy = policies.policy(organizationId).orElseThrow(RetentionController::noPolicy);
            List<RetentionPolicies.Due> due = policies.due(organizationId, DRY_RUN_LIMIT + 1);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("policy", policy);
            body.put("wouldErase", due.stream().limit(DRY_RUN_LIMIT).toList());
            body.put("more", due.size() > DRY_RUN_LIMIT);
            return body;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping(path = "/api/operations/retention/runs", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<RetentionJob.Run> run(@AuthenticationPrincipal Jwt caller) {
        Caller.requireAnyRole(caller, Roles.OPERATOR);
        return Mono.fromCallable(job::run).subscribeOn(Schedulers.boundedElastic());
    }

    private static DomainException noPolicy() {
        return CommandErrors.NO_RETENTION_POLICY.refusal("This organization has no retention policy.");
    }
}
