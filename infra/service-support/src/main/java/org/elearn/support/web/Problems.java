package org.elearn.support.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.elearn.events.privacy.SubjectErasedException;
import org.elearn.support.errors.DomainException;
import org.elearn.support.errors.ErrorKind;
import org.springframework.beans.TypeMismatchException;
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
import org.elearn.support.errors.EdgeErrors;

/**
 * Turns any failure into an RFC 9457 {@code application/problem+json} body. Only details written by
 * this project reach the client: framework messages can name classes or echo input, so they are
 * replaced by fixed texts.
 */
public final class Problems {

    /** Prefix of every problem type this project defines. */
    public static final String TYPE_PREFIX = "urn:elearn:problem:";

    private final ObjectMapper objectMapper;
    private final SideRoutes routes;

    /** The longest field path a problem names. */
    private static final int MAX_FIELD_PATH = 200;

    /** What a {@code 503} (a refusal of a busy service) tells the client to wait before asking again. */
    public static final String BUSY_RETRY_AFTER_SECONDS = "1";
    /** What a {@code 503} for an unreachable database tells the client: a restart or failover takes seconds. */
    public static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    private static final String DATABASE_UNAVAILABLE = "database-unavailable";

    public Problems(ObjectMapper objectMapper, SideRoutes routes) {
        this.objectMapper = objectMapper;
        this.routes = routes;
    }

    /**
     * For a request this service has no route for but the other side has: a 404 naming that side,
     * instead of a bare "no such resource" (or a 401 for want of a token this side could not use).
     */
    public java.util.Optional<ProblemDetail> wrongSide(ServerWebExchange exchange) {
        return routes.servedElsewhere(exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().pathWithinApplication()).map(route -> {
                    ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "wrong-side", route.method() + " "
                            + route.pattern() + " is served by " + SideRoutes.describe(route.side())
                            + ", not by this service.");
                    problem.setProperty("side", route.side());
                    return problem;
                });
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
        DomainException domain = causeOfType(error, DomainException.class);
        if (domain != null) {
            ProblemDetail problem = problem(status(domain.kind()), domain.code(), domain.getMessage());
            domain.properties().forEach(problem::setProperty);
            return problem;
        }
        if (DatabaseUnavailable.causedBy(error)) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE,
                    "The database cannot be reached right now. Retry after " + DATABASE_RETRY_AFTER_SECONDS + " s.");
        }
        if (isBodyTooLarge(error)) {
            return toProblem(EdgeErrors.BODY_TOO_LARGE.refusal("The request body is larger than this endpoint accepts."));
        }
        if (error instanceof WebExchangeBindException bind) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation-failed",
                    "The request has invalid fields.");
            // a value that could not be converted has a framework message naming Java types and
            // echoing the value: it is described in this API's words instead
            List<Map<String, String>> errors = bind.getFieldErrors().stream()
                    .map(field -> Map.of("field", field.getField(), "message", field.isBindingFailure()
                            ? expected(field.contains(TypeMismatchException.class)
                                    ? field.unwrap(TypeMismatchException.class).getRequiredType() : null)
                            : String.valueOf(field.getDefaultMessage())))
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
        StrictJsonAutoConfiguration.RefusedCharacters refused =
                causeOfType(error, StrictJsonAutoConfiguration.RefusedCharacters.class);
        if (refused != null) {
            return toProblem(ControlCharacters.refusal(fieldPath(refused)));
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
            ProblemDetail wrongType = wrongType(input);
            if (wrongType != null) {
                return wrongType;
            }
            TypeMismatchException parameter = causeOfType(input, TypeMismatchException.class);
            if (parameter != null && input.getMethodParameter() != null
                    && input.getMethodParameter().getParameterName() != null) {
                String name = input.getMethodParameter().getParameterName();
                String message = expected(parameter.getRequiredType());
                ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation-failed",
                        "The parameter " + name + " " + message + ".");
                problem.setProperty("errors", List.of(Map.of("field", name, "message", message)));
                return problem;
            }
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

    /** The one place a domain error's kind becomes an HTTP status. */
    public static HttpStatus status(ErrorKind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case GONE -> HttpStatus.GONE;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
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
            headers.set(HttpHeaders.RETRY_AFTER, URI.create(TYPE_PREFIX + DATABASE_UNAVAILABLE).equals(problem.getType())
                    ? DATABASE_RETRY_AFTER_SECONDS
                    : BUSY_RETRY_AFTER_SECONDS); // a busy service: ask again soon
        }
        if (problem.getStatus() == HttpStatus.TOO_MANY_REQUESTS.value() && !headers.containsKey(HttpHeaders.RETRY_AFTER)) {
            // a throttle names its wait in the retryAfterSeconds property; the header says it to clients
            Object wait = problem.getProperties() == null ? null : problem.getProperties().get("retryAfterSeconds");
            headers.set(HttpHeaders.RETRY_AFTER, wait == null ? BUSY_RETRY_AFTER_SECONDS : wait.toString());
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
     * A body field of the wrong type ({@code "lessonId": "lesson-1"}), named by its path in the body,
     * e.g. {@code sections[0].lessons[0].lessonId}. The names on the path are this API's own fields; a
     * path through a map would carry a key from the input, and is not named.
     */
    private static ProblemDetail wrongType(ServerWebInputException input) {
        MismatchedInputException mismatch = causeOfType(input, MismatchedInputException.class);
        if (mismatch == null || mismatch instanceof PropertyBindingException || mismatch.getPath().isEmpty()
                || mismatch.getPath().stream().anyMatch(reference -> reference.getFrom() instanceof Map)) {
            return null;
        }
        String field = fieldPath(mismatch);
        String message = expected(mismatch.getTargetType());
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "The field " + field + " " + message + ".");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }

    /** What a field of this type takes, in words (never the type's Java name). */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == java.util.UUID.class) {
            return "must be a UUID";
        }
        if (type.isEnum()) {
            return "must be one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a number";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "must be an ISO-8601 date or time";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be an object";
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
