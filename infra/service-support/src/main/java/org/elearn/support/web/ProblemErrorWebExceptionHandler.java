package org.elearn.support.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The single place where failures become responses, ahead of Spring Boot's default handler. Server
 * errors are logged with their exception type only: messages may carry input, and input may be
 * personal data.
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
        if (problem.getStatus() >= 500) {
            log.error("request failed: method={} path={} error={}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().pathWithinApplication().value(), error.getClass().getName());
        }
        return problems.write(exchange, problem);
    }
}
