package org.elearn.support.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.elearn.events.privacy.SubjectErasedException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

/**
 * Turns any failure into an RFC 9457 {@code application/problem+json} body. Only details written by
 * this project reach the client: framework messages can name classes or echo input, so they are
 * replaced by fixed texts.
 */
public final class Problems {

    /** Prefix of every problem type this project defines. */
    public static final String TYPE_PREFIX = "urn:elearn:problem:";

    private final ObjectMapper objectMapper;

    /** The longest field path a problem names. */
    private static final int MAX_FIELD_PATH = 200;

    /** What a {@code 503} (a refusal of a busy service) tells the client to wait before asking again. */
    public static final String BUSY_RETRY_AFTER_SECONDS = "1";

    public Problems(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        return problem;
    }

    /** Maps a failure to the problem the client sees. */
    public ProblemDetail toProblem(Throwable error) {
        SubjectErasedException erased = causeOfType(error, SubjectErasedException.class);
        if (erased != null) {
            return problem(HttpStatus.GONE, "subject-erased",
                    "This user's personal data was erased; no personal data can be stored for them again.");
        }
        ApiException wrapped = causeOfType(error, ApiException.class);
        if (wrapped != null) {
            error = wrapped;
        }
        if (error instanceof ApiException api) {
            ProblemDetail problem = problem(api.status(), api.code(), api.getMessage());
            api.properties().forEach(problem::setProperty);
            return problem;
        }
        if (isBodyTooLarge(error)) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large",
                    "The request body is larger than this endpoint accepts.");
        }
        if (error instanceof WebExchangeBindException bind) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation-failed",
                    "The request has invalid fields.");
            List<Map<String, String>> errors = bind.getFieldErrors().stream()
                    .map(field -> Map.of("field", field.getField(),
                            "message", String.valueOf(field.getDefaultMessage())))
                    .toList();
            problem.setProperty("errors", errors);
            return problem;
        }
        if (error instanceof HandlerMethodValidationException invalid) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation-failed",
                    "The request has invalid parameters.");
            problem.setProperty("errors", invalid.getParameterValidationResults().stream()
                    .map(result -> Map.of("field", String.valueOf(result.getMethodParameter().getParameterName()),
                            "message", result.getResolvableErrors().stream()
                                    .map(e -> String.valueOf(e.getDefaultMessage())).findFirst().orElse("invalid")))
                    .toList());
            return problem;
        }
        UnrecognizedPropertyException unknown = causeOfType(error, UnrecognizedPropertyException.class);
        if (unknown != null) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "unknown-field",
                    "The request has a field this endpoint does not accept. Nothing was changed.");
            problem.setProperty("errors", List.of(Map.of("field", fieldPath(unknown),
                    "message", "is not a field of this request")));
            return problem;
        }
        if (error instanceof ServerWebInputException input) {
            boolean missingBody = input.getCause() == null && String.valueOf(input.getReason()).contains("body");
            return problem(HttpStatus.BAD_REQUEST, "malformed-request", missingBody
                    ? "The request body is missing."
                    : input.getCause() instanceof DecodingException
                            ? "The request body is not valid JSON or a field has the wrong type."
                            : "The request could not be read.");
        }
        if (error instanceof UnsupportedMediaTypeStatusException) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "This endpoint accepts application/json.");
        }
        if (error instanceof NotAcceptableStatusException) {
            return problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable",
                    "This endpoint cannot produce the requested media type.");
        }
        if (error instanceof MethodNotAllowedException) {
            return problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                    "This method is not allowed here.");
        }
        if (error instanceof ResponseStatusException status) {
            if (status.getStatusCode().value() == 404) {
                return problem(status.getStatusCode(), "not-found", "No such resource.");
            }
            if (status.getStatusCode().is4xxClientError()) {
                return problem(status.getStatusCode(), "request-rejected", "The request was rejected.");
            }
        }
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The request failed. It has been logged; nothing was stored.");
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        }
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value() && !headers.containsKey(HttpHeaders.RETRY_AFTER)) {
            headers.set(HttpHeaders.RETRY_AFTER, BUSY_RETRY_AFTER_SECONDS); // a busy service: ask again soon
        }
        byte[] bytes;
        try {
            bytes = objectMapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            bytes = ("{\"status\":" + problem.getStatus() + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    /**
     * Where the unknown field is, e.g. {@code sections[0].lessons[1].colour}. It is the client's own
     * field name, never a value; cut short so a huge name is not echoed back.
     */
    private static String fieldPath(JsonMappingException error) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : error.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() > MAX_FIELD_PATH ? path.substring(0, MAX_FIELD_PATH) + "…" : path.toString();
    }

    private static <T extends Throwable> T causeOfType(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static boolean isBodyTooLarge(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataBufferLimitException) {
                return true;
            }
            if (cause instanceof ResponseStatusException status
                    && status.getStatusCode().value() == HttpStatus.PAYLOAD_TOO_LARGE.value()) {
                return true;
            }
        }
        return false;
    }
}
