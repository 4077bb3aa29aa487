package org.elearn.query.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.elearn.query.QueryErrors;
import org.elearn.support.errors.DomainException;
import org.elearn.support.security.AuthProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The command side's part of the personal-data export: the subject's xAPI documents (State, Agent
 * Profile) and statement attachments, which live in the Learning Record Store's tables on the
 * command side, sealed under the subject's key. This side does not read those tables; it asks the
 * command side ({@code GET /api/users/{id}/xapi-data}) with the caller's own token, so the command
 * side applies its own access rule to the same person. Server to server, like the dashboard's
 * sign-in: the command side is the host of {@code learning.auth.jwks-uri}, which it serves.
 *
 * <p>An export is never answered without its part: if the command side cannot give it, the export
 * is refused with {@code 503 xapi-data-unavailable} rather than answered incomplete. A user the
 * command side does not know (404) has no xAPI data: only members can be the actor or agent of a
 * document under their own id.
 */
@Component
class CommandSideXapiData {

    /** The most the part may weigh: attachments come base64-encoded (a batch of them is at most 16 MB). */
    private static final int MAX_BYTES = 64 * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebClient commandSide;
    private final ObjectMapper json;

    CommandSideXapiData(WebClient.Builder web, AuthProperties auth, ObjectMapper json) {
        this.commandSide = web.clone().baseUrl(URI.create(auth.jwksUri()).resolve("/").toString())
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_BYTES)).build();
        this.json = json;
    }

    /** The part: {@code documents} and {@code attachments}, each a list. */
    Mono<JsonNode> of(UUID userId, String bearerToken) {
        return commandSide.get().uri("/api/users/{id}/xapi-data", userId)
                .headers(h -> h.setBearerAuth(bearerToken)).accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(JsonNode.class);
                    }
                    if (response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
                        return response.releaseBody().then(Mono.fromSupplier(this::none));
                    }
                    if (response.statusCode().value() == HttpStatus.GONE.value()) {
                        return response.releaseBody().then(Mono.error(
                                QueryErrors.USER_ERASED.refusal("This user's personal data was erased.")));
                    }
                    return response.releaseBody().then(Mono.error(unavailable()));
                })
                .timeout(TIMEOUT)
                .onErrorMap(e -> !(e instanceof DomainException), e -> unavailable());
    }

    private JsonNode none() {
        ObjectNode part = json.createObjectNode();
        part.putArray("documents");
        part.putArray("attachments");
        return part;
    }

    private static DomainException unavailable() {
        return QueryErrors.XAPI_DATA_UNAVAILABLE.refusal("The xAPI documents and attachments of this user cannot be "
                + "read right now, and the export is never answered without them. Retry later.");
    }
}
