package org.elearn.command.xapi.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.elearn.command.CommandErrors;
import org.elearn.command.identity.AccountStore;
import org.elearn.command.privacy.SubjectAccess;
import org.elearn.command.xapi.statements.StatementAttachments;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/users/{userId}/xapi-data}: the command side's part of a user's personal-data
 * export, the Learning Record Store's tables the query side does not read: their State and Agent
 * Profile documents and the attachments of their statements, opened with their key. The query side's
 * export ({@code GET /api/users/{userId}/personal-data}) fetches it with the caller's own token and
 * puts it in the document; it can also be read alone. For the user themself, an administrator of
 * their organization or an operator ({@link SubjectAccess}); 410 once they are erased.
 */
@RestController
record XapiPersonalDataController(AccountStore accounts, XapiDocuments documents, StatementAttachments attachments,
                                  ObjectMapper json) {

    /** The part: the subject's documents and attachments. */
    record XapiData(String subjectId, List<Document> documents, List<Attachment> attachments) {
    }

    /**
     * A document: {@code content} is the JSON itself when it is stored as {@code application/json}
     * and parses; otherwise {@code contentBase64} holds its octets.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(UUID organizationId, String kind, String activityId, UUID registration, String id,
                    String contentType, Instant updated, JsonNode content, String contentBase64) {
    }

    /** An attachment's octets, by the statement and the SHA-2 its attachment object names. */
    record Attachment(UUID organizationId, UUID statementId, String sha2, long length, String contentBase64) {
    }

    @GetMapping(path = "/api/users/{userId}/xapi-data", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<XapiData> xapiData(@PathVariable UUID userId, @AuthenticationPrincipal Jwt caller) {
        SubjectAccess.Requester requester = SubjectAccess.requester(caller);
        return Mono.fromCallable(() -> {
            AccountStore.AccountStatus account = accounts.status(userId).orElseThrow(SubjectAccess::unknownUser);
            SubjectAccess.authorize(account, requester, "read the xAPI data of");
            if (account.erased()) {
                throw CommandErrors.SUBJECT_ERASED.refusal("This user's personal data was erased.");
            }
            return new XapiData(userId.toString(),
                    documents.ofSubject(userId).stream().map(this::document).toList(),
                    attachments.ofSubject(userId).stream().map(a -> new Attachment(a.organizationId(),
                            a.statementId(), a.sha2(), a.content().length,
                            Base64.getEncoder().encodeToString(a.content()))).toList());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Document document(XapiDocuments.SubjectDocument d) {
        JsonNode content = null;
        if (XapiDocuments.isJson(d.contentType())) {
            try {
                content = json.readTree(d.content());
            } catch (IOException notJson) {
                content = null; // shown as its octets
            }
        }
        return new Document(d.organizationId(), d.kind(), d.activityId().isEmpty() ? null : d.activityId(),
                d.registration(), d.name(), d.contentType(), d.updated(), content,
                content == null ? Base64.getEncoder().encodeToString(d.content()) : null);
    }
}
