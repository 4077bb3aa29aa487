package org.elearn.command.xapi.statements;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.elearn.command.CommandErrors;
import org.elearn.command.xapi.credentials.IngestionCredentials;
import org.elearn.command.xapi.protocol.XapiProperties;
import org.elearn.command.xapi.validation.XapiValues;
import org.elearn.support.errors.DomainException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The Statement resource's reads, {@code GET /xapi/statements}: one statement by
 * {@code statementId} or {@code voidedStatementId}, or a page of the credential's organization's
 * statements by the xAPI 1.0.3 query parameters, with a {@code more} link to the next page. The
 * parameters and answers are in docs/xapi.md ("Reading statements"). Every bad parameter is a 400
 * {@code invalid-query-parameter} naming it; nothing is read.
 */
@RestController
class StatementReadController {

    static final String CONSISTENT_THROUGH = "X-Experience-API-Consistent-Through";
    static final String PATH = "/xapi/statements";
    private static final Set<String> SINGLE = Set.of("statementId", "voidedStatementId");
    private static final Set<String> ALONGSIDE_SINGLE = Set.of("format", "attachments");
    private static final Set<String> KNOWN = Set.of("statementId", "voidedStatementId", "agent", "verb", "activity",
            "registration", "related_activities", "related_agents", "since", "until", "limit", "format",
            "attachments", "ascending", "more");
    private static final Pattern SNAPSHOT = Pattern.compile("\\d{1,20}:\\d{1,20}:(\\d{1,20}(,\\d{1,20}){0,10000})?");

    /** Where the next page starts: the query, the last seq shown, the first page's snapshot. */
    record More(StatementQuery query, long after, String snapshot) {
    }

    private final StatementReads reads;
    private final ActorResolver actors;
    private final ObjectMapper json;
    private final Clock clock;
    private final StatementAttachments attachments;

    private final String accountHomePage;

    StatementReadController(StatementReads reads, ActorResolver actors, ObjectMapper json, Clock clock,
                            StatementAttachments attachments, XapiProperties xapi) {
        this.accountHomePage = xapi.accountHomePage();
        this.attachments = attachments;
        this.reads = reads;
        this.actors = actors;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping(path = PATH)
    Mono<ResponseEntity<byte[]>> get(ServerHttpRequest request,
                                     @AuthenticationPrincipal IngestionCredentials.Credential credential) {
        MultiValueMap<String, String> params = request.getQueryParams();
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            if (!KNOWN.contains(param.getKey())) {
                throw invalid(param.getKey(), "is not a parameter of the Statement resource");
            }
            if (param.getValue().size() > 1) {
                throw invalid(param.getKey(), "is given more than once");
            }
        }
        List<Locale.LanguageRange> languages = languages(request);
        String onlyCredential = onlyCredential(credential);
        UUID organization = credential.organizationId();
        if (params.keySet().stream().anyMatch(SINGLE::contains)) {
            return single(params, organization, onlyCredential, languages);
        }
        More more = params.containsKey("more") ? more(params) : null;
        return Mono.fromCallable(() -> {
            StatementQuery query = more != null ? more.query() : query(params, organization);
            StatementReads.Page page = reads.page(organization, query, onlyCredential,
                    more == null ? null : more.after(), more == null ? null : more.snapshot());
            StatementFormats format = StatementFormats.named(query.format());
            String moreLink = page.after() == null ? ""
                    : PATH + "?more=" + token(new More(query, page.after(), page.snapshot()));
            if (format != StatementFormats.EXACT) {
                page.statements().forEach(s -> format.apply(s.tree(), languages));
            }
            List<Part> parts = query.attachments()
                    ? parts(organization, page.statements().stream().map(StatementReads.Read::tree).toList()) : null;
            return answer(ResponseEntity.ok(), body(page.statements(), moreLink), parts);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<ResponseEntity<byte[]>> single(MultiValueMap<String, String> params, UUID organization,
                                                String onlyCredential, List<Locale.LanguageRange> languages) {
        if (params.containsKey("statementId") && params.containsKey("voidedStatementId")) {
            throw invalid("voidedStatementId", "cannot be given with statementId");
        }
        boolean voided = params.containsKey("voidedStatementId");
        String name = voided ? "voidedStatementId" : "statementId";
        for (String other : params.keySet()) {
            if (!other.equals(name) && !ALONGSIDE_SINGLE.contains(other)) {
                throw invalid(other, "cannot be given with " + name + " (only format and attachments can)");
            }
        }
        UUID id = uuid(params, name);
        StatementFormats format = format(params);
        boolean attachments = bool(params, "attachments");
        return Mono.fromCallable(() -> reads.one(organization, id, voided, onlyCredential)
                        .map(found -> answer(ResponseEntity.ok().lastModified(found.stored()),
                                format.apply(found.statement(), languages),
                                attachments ? parts(organization, List.of(found.statement())) : null))
                        .orElseThrow(() -> CommandErrors.STATEMENT_NOT_FOUND.refusal(
                                "No " + (voided ? "voided " : "") + "statement " + id + " is stored.")))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Blocking (resolves the agent): off the event loop. */
    private StatementQuery query(MultiValueMap<String, String> params, UUID organization) {
        UUID agent = null;
        String authority = null;
        if (params.containsKey("agent")) {
            Agent named = agent(params.getFirst("agent"));
            agent = actors.resolve(organization, List.of(named)).get(named).subjectId();
            // the LRS names a statement's authority as its credential, an account of its home page
            if ("account".equals(named.kind()) && accountHomePage.equals(named.homePage())) {
                authority = named.value();
            }
        }
        int limit = 0;
        if (params.containsKey("limit")) {
            try {
                limit = Integer.parseInt(params.getFirst("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 0) {
                throw invalid("limit", "must be a whole number, 0 or more");
            }
        }
        return new StatementQuery(agent, authority, iri(params, "verb"), iri(params, "activity"),
                params.containsKey("registration") ? uuid(params, "registration") : null,
                bool(params, "related_activities"), bool(params, "related_agents"), instant(params, "since"),
                instant(params, "until"), limit, bool(params, "ascending"), format(params).parameter(),
                bool(params, "attachments"));
    }

    private Agent agent(String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            node = null;
        }
        Agent agent = node == null ? null : StatementFacts.agent(node);
        if (agent == null) {
            throw invalid("agent", "must be an Agent or identified Group as JSON, with exactly one identifier");
        }
        return agent;
    }

    private More more(MultiValueMap<String, String> params) {
        if (params.size() > 1) {
            throw invalid("more", "is the whole query: no other parameter goes with it");
        }
        try {
            More more = json.readValue(Base64.getUrlDecoder().decode(params.getFirst("more")), More.class);
            if (more.query() == null || more.snapshot() == null || !SNAPSHOT.matcher(more.snapshot()).matches()) {
                throw new IllegalArgumentException("incomplete");
            }
            StatementFormats.named(more.query().format());
            return more;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid("more", "is not a link this service gave");
        }
    }

    private String token(More more) throws JsonProcessingException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(more));
    }

    /** An attachment's raw data, as a part of a multipart answer. */
    private record Part(String contentType, String sha2, byte[] content) {
    }

    /**
     * The raw data of the statements' attachments that are stored (those sent as parts; not those
     * given by {@code fileUrl} only), each once. Blocking: one query per statement with attachments.
     */
    private List<Part> parts(UUID organization, List<ObjectNode> statements) {
        Map<String, Part> parts = new LinkedHashMap<>();
        for (ObjectNode statement : statements) {
            JsonNode declared = statement.path("attachments");
            if (!declared.isArray() || declared.isEmpty()) {
                continue;
            }
            Map<String, byte[]> contents = attachments.contents(organization,
                    UUID.fromString(statement.get("id").asText()));
            for (JsonNode attachment : declared) {
                String sha2 = attachment.path("sha2").asText();
                if (contents.containsKey(sha2) && !parts.containsKey(sha2)) {
                    parts.put(sha2, new Part(attachment.path("contentType").asText("application/octet-stream"), sha2,
                            contents.get(sha2)));
                }
            }
        }
        return List.copyOf(parts.values());
    }

    /**
     * The answer: JSON, or with {@code parts} (attachments asked for) multipart/mixed, the statements
     * first and then each attachment's raw data under its hash.
     */
    private ResponseEntity<byte[]> answer(ResponseEntity.BodyBuilder ok, JsonNode body, List<Part> parts) {
        return answer(ok, body.toString().getBytes(StandardCharsets.UTF_8), parts);
    }

    /**
     * A page's body, {@code {"statements": [...], "more": "..."}}, with each statement written as
     * stored: an exact page is not parsed and written again.
     */
    private byte[] body(List<StatementReads.Read> statements, String more) throws JsonProcessingException {
        var out = new java.io.ByteArrayOutputStream(statements.size() * 1024 + 256);
        out.writeBytes("{\"statements\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < statements.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(statements.get(i).json());
        }
        out.writeBytes(("],\"more\":" + json.writeValueAsString(more) + "}").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private ResponseEntity<byte[]> answer(ResponseEntity.BodyBuilder ok, byte[] statements, List<Part> parts) {
        ok.header(CONSISTENT_THROUGH, clock.instant().toString());
        if (parts == null) {
            return ok.contentType(MediaType.APPLICATION_JSON).body(statements);
        }
        Map<String, String> types = new LinkedHashMap<>();
        parts.forEach(part -> types.put(part.sha2(), part.contentType()));
        MultipartStatements.Written written = MultipartStatements.write(statements,
                parts.stream().map(part -> new MultipartStatements.Part(part.sha2(), part.content())).toList(),
                types::get);
        return ok.contentType(written.type()).body(written.body());
    }

    /**
     * When the credential may read only the statements it stored ({@code statements/read/mine}), its
     * key; else null.
     */
    private static String onlyCredential(IngestionCredentials.Credential credential) {
        return credential.readsOnlyOwn() ? credential.key() : null;
    }

    private static List<Locale.LanguageRange> languages(ServerHttpRequest request) {
        try {
            return request.getHeaders().getAcceptLanguage();
        } catch (IllegalArgumentException malformed) {
            return List.of();
        }
    }

    private static StatementFormats format(MultiValueMap<String, String> params) {
        String value = params.getFirst("format");
        try {
            return value == null ? StatementFormats.EXACT : StatementFormats.named(value);
        } catch (IllegalArgumentException e) {
            throw invalid("format", "must be ids, exact or canonical");
        }
    }

    private static boolean bool(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        if (value == null || "false".equals(value)) {
            return false;
        }
        if ("true".equals(value)) {
            return true;
        }
        throw invalid(name, "must be true or false");
    }

    private static UUID uuid(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        if (value == null || !XapiValues.uuid(value)) {
            throw invalid(name, "must be a UUID");
        }
        return UUID.fromString(value);
    }

    private static String iri(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        if (value != null && !XapiValues.iri(value)) {
            throw invalid(name, "must be an absolute IRI of at most " + XapiValues.MAX_IRI + " characters");
        }
        return value;
    }

    private static Instant instant(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        if (value == null) {
            return null;
        }
        Instant instant = XapiValues.timestamp(value);
        if (instant == null) {
            throw invalid(name, "must be an ISO 8601 date and time");
        }
        return instant;
    }

    private static DomainException invalid(String parameter, String problem) {
        return CommandErrors.INVALID_QUERY_PARAMETER.refusal("The parameter " + parameter + " " + problem + ".",
                Map.of("parameter", parameter));
    }
}
