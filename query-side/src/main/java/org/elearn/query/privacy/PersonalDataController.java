package org.elearn.query.privacy;

import java.util.Map;
import java.util.UUID;
import org.elearn.query.QueryErrors;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/users/{userId}/personal-data}: everything the system holds about a user, for the
 * user themself or an administrator of their organization. 410 after erasure, with no data. The
 * xAPI documents and attachments come from the command side ({@link CommandSideXapiData}).
 */
@RestController
record PersonalDataController(PersonalDataExport export, CommandSideXapiData xapiData) {

    @GetMapping(path = "/api/users/{userId}/personal-data", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PersonalDataExport.Document> personalData(@PathVariable UUID userId, @AuthenticationPrincipal Jwt caller) {
        return Mono.fromCallable(() -> {
            PersonalDataExport.SubjectStatus status = export.status(userId);
            authorize(userId, status, caller);
            return export.export(userId);
        }).subscribeOn(Schedulers.boundedElastic())
                // the LRS's documents and attachments are the command side's: asked with the caller's own token
                .flatMap(document -> xapiData.of(userId, caller.getTokenValue()).map(part -> {
                    Map<String, Object> usage = document.categories().get(DataCategory.USAGE.key()).records();
                    usage.put("xapiDocuments", part.path("documents"));
                    usage.put("xapiAttachments", part.path("attachments"));
                    return document;
                }));
    }

    private static void authorize(UUID userId, PersonalDataExport.SubjectStatus status, Jwt caller) {
        if (userId.toString().equals(caller.getSubject())) {
            return;
        }
        if (Caller.hasRole(caller, Roles.ORG_ADMIN)) {
            boolean sameOrganization = status.organizationId() != null
                    && Caller.membership(caller).belongsTo(status.organizationId());
            if (sameOrganization) {
                return;
            }
            throw QueryErrors.USER_NOT_FOUND.refusal("No user with this id.");
        }
        throw QueryErrors.FORBIDDEN.refusal("Only the user or their organization's administrator may read this.");
    }
}
