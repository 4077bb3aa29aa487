package org.elearn.support.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The single place where failures become responses, ahead of Spring Boot's default handler. Server
 * errors are logged by their exception types and the root cause's top frames, never their messages:
 * messages may carry input, and input may be personal data. The one exception is the JVM's own
 * resource errors ({@link OutOfMemoryError}, {@link StackOverflowError}): the JVM writes their
 * messages ("Java heap space", "Cannot reserve 4194304 bytes of direct buffer memory (allocated:
 * ..., limit: ...)"), they carry no input, and without them one cannot tell which memory ran out.
 */
public class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

    private final Problems problems;

    public ProblemErrorWebExceptionHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ProblemDetail problem = problems.toProblem(error);
        if (problem.getStatus() == HttpStatus.NOT_FOUND.value()) {
            problem = problems.wrongSide(exchange).orElse(problem);
        }
        // a 503 is a busy service's refusal (a refusal of kind UNAVAILABLE) or an unreachable database,
        // which its pool already logs: neither is a failure of this request to look into
        if (problem.getStatus() >= 500 && problem.getStatus() != HttpStatus.SERVICE_UNAVAILABLE.value()) {
            log.error("request failed: method={} path={} error={}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().pathWithinApplication().value(), describe(error));
        }
        return problems.write(exchange, problem);
    }

    /** The cause chain's types and where the root cause was thrown, without any message but the JVM's own. */
    static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        Throwable root = error;
        for (Throwable t = error; t != null; t = t.getCause()) {
            out.append(out.isEmpty() ? "" : " <- ").append(t.getClass().getName());
            if ((t instanceof OutOfMemoryError || t instanceof StackOverflowError) && t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
            root = t;
        }
        StackTraceElement[] frames = root.getStackTrace();
        for (int i = 0; i < Math.min(5, frames.length); i++) {
            out.append("\n\tat ").append(frames[i]);
        }
        return out.toString();
    }
}
