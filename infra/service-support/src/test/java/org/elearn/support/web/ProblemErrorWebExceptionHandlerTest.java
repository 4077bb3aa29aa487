package org.elearn.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What a failure answers, and what a server error's log line says: types and frames, and a message
 * only where the JVM wrote it.
 */
class ProblemErrorWebExceptionHandlerTest {

    private final ProblemErrorWebExceptionHandler handler =
            new ProblemErrorWebExceptionHandler(new Problems(new ObjectMapper(), new SideRoutes(SideRoutes.COMMAND_SIDE)));

    /** Failures of an unreachable database, as JDBC, Hikari, Spring, Axon and R2DBC wrap them. */
    static List<Throwable> databaseOutages() {
        PSQLException refused = new PSQLException("Connection to localhost:5432 refused.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));
        return List.of(
                new CannotCreateTransactionException("no JDBC connection",
                        new SQLTransientConnectionException("learning-jdbc - Connection is not available", refused)),
                new CannotGetJdbcConnectionException("no connection", new SQLException("pool closed")),
                new EventStoreException("append failed", new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE)),
                new CommandExecutionException("command failed",
                        new SQLException("terminating connection due to administrator command", "57P01")),
                new IllegalStateException("wrapped", new SQLException("the database system is starting up", "57P03")),
                new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
                        new R2dbcNonTransientResourceException("Cannot connect to localhost/127.0.0.1:5432",
                                new ConnectException("Connection refused"))),
                new R2dbcTransientResourceException("connection closed"),
                new io.r2dbc.spi.R2dbcBadGrammarException("terminating connection", "57P02"),
                // r2dbc-pool's acquire timeout, bare and as Spring's R2DBC translation wraps it
                new io.r2dbc.spi.R2dbcTimeoutException("Connection acquisition timed out after 2000ms",
                        new java.util.concurrent.TimeoutException("Did not observe any item")),
                new org.springframework.dao.QueryTimeoutException("select",
                        new io.r2dbc.spi.R2dbcTimeoutException("Connection creation timed out after 2000ms",
                                new java.util.concurrent.TimeoutException("Did not observe any item"))),
                // a statement cut off by a shutdown, whose rollback then found the connection closed
                rollbackAfter(new org.springframework.dao.DataAccessResourceFailureException("insert",
                        new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE))),
                // a commit cut off by a crash, whose rollback then found the connection closed
                new org.springframework.transaction.TransactionSystemException("Could not roll back JDBC transaction",
                        new SQLException("Connection is closed")),
                // Axon's JDBC event store and token store, when Hikari gives up
                new org.axonframework.common.jdbc.JdbcException("Failed to obtain a database connection",
                        new SQLTransientConnectionException("learning-jdbc - Connection is not available, "
                                + "request timed out after 2000ms", refused)));
    }

    /** What TransactionTemplate throws when the rollback after {@code failure} fails as well. */
    private static Throwable rollbackAfter(RuntimeException failure) {
        org.springframework.transaction.TransactionSystemException rollback =
                new org.springframework.transaction.TransactionSystemException("Could not roll back JDBC transaction",
                        new SQLException("Connection is closed"));
        rollback.initApplicationException(failure);
        return rollback;
    }

    @ParameterizedTest
    @MethodSource("databaseOutages")
    void anUnreachableDatabaseAnswers503WithRetryAfter(Throwable outage) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/xapi/statements"));

        handler.handle(exchange, outage).block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo(Problems.DATABASE_RETRY_AFTER_SECONDS);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"type\":\"urn:elearn:problem:database-unavailable\"")
                .doesNotContain("localhost").doesNotContain("refused").doesNotContain("administrator");
    }

    @Test
    void otherDatabaseErrorsStayServerErrors() {
        for (Throwable failure : List.of(new SQLException("duplicate key value", "23505"),
                new IllegalStateException("no", new SQLException("no state")),
                rollbackAfter(new IllegalStateException("a bug")),
                // a statement that ran too long: the database is there
                new io.r2dbc.spi.R2dbcTimeoutException("canceling statement due to statement timeout", "57014"))) {
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/x"));

            handler.handle(exchange, failure).block();

            assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
            assertThat(exchange.getResponse().getHeaders().containsKey(HttpHeaders.RETRY_AFTER)).isFalse();
        }
    }

    /** Query filters bound to a record, as the report endpoints bind theirs. */
    record Filters(java.time.LocalDate from, Integer size) {
    }

    /** A query value that cannot be converted is named in the API's words, without the value or Java types. */
    @Test
    void aQueryValueOfTheWrongTypeIsNamedWithoutEchoingIt() throws Exception {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/reports?from={f}&size=9", "<script>alert(1)</script>"));
        org.springframework.web.bind.support.WebExchangeDataBinder binder =
                new org.springframework.web.bind.support.WebExchangeDataBinder(null, "filters");
        binder.setTargetType(org.springframework.core.ResolvableType.forClass(Filters.class));
        binder.setConversionService(new org.springframework.format.support.DefaultFormattingConversionService());
        binder.construct(exchange).block();
        var parameter = new org.springframework.core.MethodParameter(
                getClass().getDeclaredMethod("aQueryValueOfTheWrongTypeIsNamedWithoutEchoingIt"), -1);

        handler.handle(exchange, new org.springframework.web.bind.support.WebExchangeBindException(parameter,
                binder.getBindingResult())).block();

        String body = exchange.getResponse().getBodyAsString().block();
        assertThat(body).contains("\"field\":\"from\"", "must be an ISO-8601 date or time")
                .doesNotContain("script", "Failed to convert", "java.");
    }

    @Test
    void messagesThatMayCarryInputAreLeftOut() {
        String line = ProblemErrorWebExceptionHandler.describe(new IllegalStateException("wrapped",
                new IllegalArgumentException("bad email trainee-1@example.org")));

        assertThat(line).startsWith("java.lang.IllegalStateException <- java.lang.IllegalArgumentException\n")
                .contains("\tat org.elearn.support.web.ProblemErrorWebExceptionHandlerTest")
                .doesNotContain("trainee-1@example.org").doesNotContain("wrapped");
    }

    @Test
    void theJvmsResourceErrorsKeepTheirMessage() {
        String line = ProblemErrorWebExceptionHandler.describe(new IllegalStateException("stream failed",
                new OutOfMemoryError("Cannot reserve 4194304 bytes of direct buffer memory")));

        assertThat(line).startsWith("java.lang.IllegalStateException <- java.lang.OutOfMemoryError: "
                + "Cannot reserve 4194304 bytes of direct buffer memory\n").doesNotContain("stream failed");
        assertThat(ProblemErrorWebExceptionHandler.describe(new StackOverflowError()))
                .startsWith("java.lang.StackOverflowError\n");
    }

    /** A domain refusal answers with its code as the type, its kind's status, its detail and properties. */
    @Test
    void aDomainRefusalAnswersItsCodeKindDetailAndProperties() throws Exception {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/organizations"));
        org.elearn.support.errors.DomainException refusal = org.elearn.support.errors.EdgeErrors.FORBIDDEN
                .refusal("This needs the OPERATOR role.", java.util.Map.of("allowedRoles", List.of("OPERATOR")));

        // the mapper as Spring Boot builds it, which writes a problem's properties at the top level
        ObjectMapper json = org.springframework.http.converter.json.Jackson2ObjectMapperBuilder.json().build();
        new ProblemErrorWebExceptionHandler(new Problems(json, new SideRoutes(SideRoutes.COMMAND_SIDE)))
                .handle(exchange, new CommandExecutionException("wrapped by the command bus", refusal)).block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(403);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        com.fasterxml.jackson.databind.JsonNode body =
                new ObjectMapper().readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(body.get("type").asText()).startsWith(Problems.TYPE_PREFIX).endsWith(":forbidden");
        assertThat(body.get("status").asInt()).isEqualTo(403);
        assertThat(body.get("title").asText()).isEqualTo("Forbidden");
        assertThat(body.get("detail").asText()).isEqualTo("This needs the OPERATOR role.");
        assertThat(body.get("instance").asText()).isEqualTo("/api/organizations");
        assertThat(body.get("allowedRoles").get(0).asText()).isEqualTo("OPERATOR");
    }
}
