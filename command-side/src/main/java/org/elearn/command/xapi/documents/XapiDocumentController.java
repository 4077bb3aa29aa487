package org.elearn.command.xapi.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.elearn.command.CommandErrors;
import org.elearn.command.xapi.agents.XapiAgents;
import org.elearn.command.xapi.credentials.IngestionCredentials;
import org.elearn.command.xapi.documents.XapiDocuments.Address;
import org.elearn.command.xapi.documents.XapiDocuments.Kind;
import org.elearn.command.xapi.documents.XapiDocuments.Preconditions;
import org.elearn.support.web.HttpProperties;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The xAPI 1.0.3 document resources, with an organization's ingestion credential:
 * {@code /xapi/activities/state} (activityId, agent, registration?, stateId),
 * {@code /xapi/activities/profile} (activityId, profileId) and {@code /xapi/agents/profile}
 * (agent, profileId). PUT replaces, POST merges JSON objects, GET answers one document (with
 * {@code ETag} and {@code Last-Modified}) or, without its id, the ids (optionally {@code since}),
 * DELETE removes one or, for State without stateId, all. Any content type, up to
 * {@code learning.http.max-body-size}.
 */
@RestController
class XapiDocumentController {

    static final String STATE = "/xapi/activities/state";
    static final String ACTIVITY_PROFILE = "/xapi/activities/profile";
    static final String AGENT_PROFILE = "/xapi/agents/profile";
    /** The longest stateId or profileId accepted. */
    static final int MAX_ID = 1024;
    private static final Set<String> STATE_PARAMETERS = Set.of("activityId", "agent", "registration", "stateId");
    private static final Set<String> ACTIVITY_PROFILE_PARAMETERS = Set.of("activityId", "profileId");
    private static final Set<String> AGENT_PROFILE_PARAMETERS = Set.of("agent", "profileId");

    private final XapiDocuments documents;
    private final ObjectMapper json;
    private final int maxBytes;

    XapiDocumentController(XapiDocuments documents, ObjectMapper json, HttpProperties http) {
        this.documents = documents;
        this.json = json;
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE, http.maxBodySize().toBytes());
    }

    @PutMapping(path = {STATE, ACTIVITY_PROFILE, AGENT_PROFILE})
    Mono<ResponseEntity<Void>> put(ServerHttpRequest request,
                                   @AuthenticationPrincipal IngestionCredentials.Credential credential) {
        return write(request, credential, false);
    }

    @PostMapping(path = {STATE, ACTIVITY_PROFILE, AGENT_PROFILE})
    Mono<ResponseEntity<Void>> post(ServerHttpRequest request,
                                    @AuthenticationPrincipal IngestionCredentials.Credential credential) {
        return write(request, credential, true);
    }

    @GetMapping(path = STATE, params = "stateId")
    Mono<ResponseEntity<byte[]>> state(ServerHttpRequest request,
                                       @AuthenticationPrincipal IngestionCredentials.Credential credential) {
        return document(request, credential);
    }

    @GetMapping(path = {ACTIVITY_PROFILE, AGENT_PROFILE}, params = "profileId")
    Mono<ResponseEntity<byte[]>> profile(ServerHttpRequest request,
                                         @AuthenticationPrincipal IngestionCredentials.Credential credential) {
        return document(request, credential);
    }

    @GetMapping(path = STATE, params = "!stateId", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<List<String>>> stateIds(ServerHttpRequest request,
                                                @AuthenticationPrincipal IngestionCredentials.Credential credential) {
        return ids(request, credential);
    }

    @GetMapping(path = {ACTIVITY_PROFILE, AGENT_PROFILE}, params = "!profileId",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<List<String>>> profileIds(ServerHttpRequest request,
                                                  @AuthenticationPrincipal IngestionCredentials.Credential credential) {
        return ids(request, credential);
    }

    @DeleteMapping(path = {STATE, ACTIVITY_PROFILE, AGENT_PROFILE})
    Mono<ResponseEntity<Void>> delete(ServerHttpRequest request,
                                      @AuthenticationPrincipal IngestionCredentials.Credential credential) {
        Kind kind = kind(request);
        parameters(kind, request, false);
        // only State has a delete of all (without stateId); a profile's DELETE names its document
        Address address = address(kind, request.getQueryParams(),
                kind != Kind.STATE || request.getQueryParams().containsKey("stateId"));
        Preconditions preconditions = preconditions(request.getHeaders());
        return Mono.fromRunnable(() -> documents.delete(credential, address, preconditions))
                .subscribeOn(Schedulers.boundedElastic())
                .thenReturn(ResponseEntity.noContent().build());
    }

    private Mono<ResponseEntity<Void>> write(ServerHttpRequest request, IngestionCredentials.Credential credential,
                                             boolean merge) {
        parameters(kind(request), request, false);
        Address address = address(kind(request), request.getQueryParams(), true);
        String contentType = contentType(request.getHeaders());
        Preconditions preconditions = preconditions(request.getHeaders());
        return DataBufferUtils.join(request.getBody(), maxBytes)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .publishOn(Schedulers.boundedElastic())
                .map(content -> {
                    documents.write(credential, address, content, contentType, preconditions, merge);
                    return ResponseEntity.noContent().build();
                });
    }

    private Mono<ResponseEntity<byte[]>> document(ServerHttpRequest request,
                                                  IngestionCredentials.Credential credential) {
        parameters(kind(request), request, true);
        // since selects nothing with a document's id, but is checked as in a list (the conformance suite asks)
        since(request.getQueryParams().getFirst("since"));
        Address address = address(kind(request), request.getQueryParams(), true);
        return Mono.fromCallable(() -> documents.read(credential.organizationId(), address)
                        .orElseThrow(() -> CommandErrors.DOCUMENT_NOT_FOUND.refusal("No such document.")))
                .subscribeOn(Schedulers.boundedElastic())
                .map(document -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(document.contentType()))
                        .eTag(document.etag())
                        .lastModified(document.updated())
                        .body(document.content()));
    }

    private Mono<ResponseEntity<List<String>>> ids(ServerHttpRequest request,
                                                   IngestionCredentials.Credential credential) {
        MultiValueMap<String, String> query = request.getQueryParams();
        parameters(kind(request), request, true);
        Address address = address(kind(request), query, false);
        Instant since = since(query.getFirst("since"));
        return Mono.fromCallable(() -> ResponseEntity.ok(documents.ids(credential.organizationId(), address, since)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static Kind kind(ServerHttpRequest request) {
        return switch (request.getPath().pathWithinApplication().value()) {
            case STATE -> Kind.STATE;
            case ACTIVITY_PROFILE -> Kind.ACTIVITY_PROFILE;
            default -> Kind.AGENT_PROFILE;
        };
    }

    /** 400 for a parameter the resource does not take ({@code since} only in a GET), or one given twice. */
    private static void parameters(Kind kind, ServerHttpRequest request, boolean get) {
        Set<String> known = switch (kind) {
            case STATE -> STATE_PARAMETERS;
            case ACTIVITY_PROFILE -> ACTIVITY_PROFILE_PARAMETERS;
            case AGENT_PROFILE -> AGENT_PROFILE_PARAMETERS;
        };
        if (get) {
            known = new HashSet<>(known);
            known.add("since");
        }
        XapiParameters.only(request.getQueryParams(), known, request.getPath().pathWithinApplication().value()
                + " resource");
    }

    /** The document's address from the parameters; 400 for a missing or malformed one. */
    private Address address(Kind kind, MultiValueMap<String, String> query, boolean named) {
        String activityId = kind == Kind.AGENT_PROFILE ? ""
                : XapiAgents.activityId(required(query, "activityId"), "activityId");
        JsonNode agent = kind == Kind.ACTIVITY_PROFILE ? null : XapiParameters.agent(json, query.getFirst("agent"));
        UUID registration = kind == Kind.STATE && query.getFirst("registration") != null
                ? XapiAgents.registration(query.getFirst("registration"), "registration") : null;
        String idParameter = kind == Kind.STATE ? "stateId" : "profileId";
        String name = named ? required(query, idParameter) : null;
        if (name != null && name.length() > MAX_ID) {
            throw CommandErrors.VALIDATION_FAILED.refusal("The " + idParameter + " parameter is longer than "
                    + MAX_ID + " characters.", Map.of("parameter", idParameter));
        }
        return new Address(kind, activityId, agent, registration, name);
    }

    private static String required(MultiValueMap<String, String> query, String parameter) {
        return XapiParameters.required(parameter, query.getFirst(parameter));
    }

    /** ISO 8601, as statements' timestamps (no time zone reads as UTC); 400 otherwise. */
    private static Instant since(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw CommandErrors.INVALID_TIMESTAMP.refusal("The since parameter must be an ISO 8601 date and time.",
                        Map.of("parameter", "since"));
            }
        }
    }

    /** The document's media type as sent (kept and answered back); binary without one. */
    private static String contentType(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        if (value == null || value.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
        try {
            return MediaType.parseMediaType(value).toString();
        } catch (InvalidMediaTypeException e) {
            throw CommandErrors.MALFORMED_REQUEST.refusal("The Content-Type header is not a media type.");
        }
    }

    private static Preconditions preconditions(HttpHeaders headers) {
        return new Preconditions(tags(headers.get(HttpHeaders.IF_MATCH)), tags(headers.get(HttpHeaders.IF_NONE_MATCH)));
    }

    /** The entity tags of a header, each as it is compared (quoted, weak marks dropped); null without the header. */
    private static Set<String> tags(List<String> values) {
        if (values == null) {
            return null;
        }
        Set<String> tags = new LinkedHashSet<>();
        values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(t -> !t.isEmpty())
                .map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .forEach(tags::add);
        return tags;
    }
}
