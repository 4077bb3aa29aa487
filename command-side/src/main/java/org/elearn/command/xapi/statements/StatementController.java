package org.elearn.command.xapi.statements;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.elearn.command.CommandErrors;
import org.elearn.command.xapi.credentials.IngestionCredentials;
import org.elearn.command.xapi.protocol.XapiProperties;
import org.elearn.support.web.HttpProperties;
import org.elearn.support.web.Problems;
import org.elearn.support.web.StrictJsonAutoConfiguration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * xAPI statement ingestion. {@code POST /xapi/statements} takes one statement or an array (at most
 * {@code learning.xapi.max-batch}) and answers their ids; {@code PUT /xapi/statements?statementId=}
 * stores one statement under that id and answers 204. Either answer means committed. A batch is
 * all or nothing. When every ingestion slot is busy the answer is 503 with {@code Retry-After}.
 */
@RestController
class StatementController {

    private final StatementIngestion ingestion;
    private final IngestionGate gate;
    private final ObjectMapper json;
    private final int maxBatch;
    private final int maxBodyBytes;

    StatementController(StatementIngestion ingestion, IngestionGate gate, ObjectMapper json,
                        XapiProperties xapi, HttpProperties http) {
        this.ingestion = ingestion;
        this.gate = gate;
        this.json = StrictJsonAutoConfiguration.forRequests(json); // the body rules of every other endpoint
        this.maxBatch = xapi.maxBatch();
        this.maxBodyBytes = (int) http.maxUploadSize().toBytes();
    }

    @PostMapping(path = "/xapi/statements",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.MULTIPART_MIXED_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Object>> post(ServerHttpRequest request,
                                      @AuthenticationPrincipal IngestionCredentials.Credential credential) {
        return gated(request, (body, parts) -> {
            List<JsonNode> nodes = new ArrayList<>();
            if (body.isArray()) {
                if (body.size() > maxBatch) {
                    throw CommandErrors.BATCH_TOO_LARGE.refusal(
                            "A batch holds at most " + maxBatch + " statements; this one has " + body.size() + ".");
                }
                body.forEach(nodes::add);
            } else {
                nodes.add(body);
            }
            if (nodes.isEmpty()) {
                throw CommandErrors.EMPTY_BATCH.refusal("The batch has no statements.");
            }
            List<UUID> ids = ingestion.ingest(credential, parse(nodes), userAgent(request), parts);
            return ResponseEntity.ok(ids);
        });
    }

    @PutMapping(path = "/xapi/statements",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.MULTIPART_MIXED_VALUE})
    Mono<ResponseEntity<Object>> put(ServerHttpRequest request, @RequestParam String statementId,
                                     @AuthenticationPrincipal IngestionCredentials.Credential credential) {
        UUID id = StatementParser.uuid(new StatementParser.Context(0),
                com.fasterxml.jackson.databind.node.TextNode.valueOf(statementId), "statementId");
        return gated(request, (body, parts) -> {
            if (!body.isObject()) {
                throw CommandErrors.INVALID_STATEMENT.refusal("PUT takes one statement, as a JSON object.");
            }
            if (body.has("id") && !id.toString().equalsIgnoreCase(body.get("id").asText())) {
                throw CommandErrors.STATEMENT_ID_MISMATCH.refusal(
                        "The statement's id differs from the statementId parameter.");
            }
            ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("id", id.toString());
            ingestion.ingest(credential, parse(List.of(body)), userAgent(request), parts);
            return ResponseEntity.noContent().build();
        });
    }

    private interface Handler {
        ResponseEntity<Object> handle(JsonNode body, List<MultipartStatements.Part> parts);
    }

    /** Takes a slot or refuses at once (503); reads the body within the limit; works off the event loop. */
    private Mono<ResponseEntity<Object>> gated(ServerHttpRequest request, Handler handler) {
        return gate.guard(CommandErrors.OVERLOADED, "Every ingestion slot is busy; nothing was stored. Retry after "
                        + Problems.BUSY_RETRY_AFTER_SECONDS + " s.",
                DataBufferUtils.join(request.getBody(), maxBodyBytes)
                        .switchIfEmpty(Mono.error(() -> CommandErrors.MALFORMED_REQUEST.refusal(
                                "The request body is missing.")))
                        .publishOn(Schedulers.boundedElastic())
                        .map(body -> MultipartStatements.read(request.getHeaders().getContentType(), body,
                                this::read))
                        .map(upload -> handler.handle(upload.statements(), upload.parts())));
    }

    private JsonNode read(DataBuffer buffer) {
        try (var in = buffer.asInputStream(true)) {
            return json.readTree(in);
        } catch (JsonProcessingException e) {
            throw CommandErrors.MALFORMED_REQUEST.refusal("The request body is not valid JSON.");
        } catch (IOException e) {
            throw new IllegalStateException("reading a joined buffer cannot fail", e);
        }
    }

    private static List<Statement> parse(List<JsonNode> nodes) {
        List<Statement> statements = new ArrayList<>(nodes.size());
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            Statement statement = StatementParser.parse(nodes.get(i), i);
            if (!ids.add(statement.id())) {
                throw CommandErrors.DUPLICATE_STATEMENT_ID.refusal(
                        "Statement " + i + " repeats the id " + statement.id() + " of an earlier statement in the batch.",
                        Map.of("statementIndex", i, "statementId", statement.id().toString()));
            }
            statements.add(statement);
        }
        return statements;
    }

    private static String userAgent(ServerHttpRequest request) {
        return request.getHeaders().getFirst(HttpHeaders.USER_AGENT);
    }
}
