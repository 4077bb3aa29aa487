package org.elearn.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** Query parameters and path segments follow the one character rule on both sides, before anything runs. */
class TextInputFilterTest {

    private final TextInputFilter filter = new TextInputFilter(
            new Problems(new ObjectMapper(), new SideRoutes(SideRoutes.QUERY_SIDE)));

    @ParameterizedTest
    @CsvSource({
            "/api/organizations/o/members?department=%00, department",
            "/api/organizations/o/members?role=TRAINEE&department=Sales%C2%85, department",
            "/api/organizations/o/reports?from=%1B[2J, from",
            "/api/organizations/a%00b/members, path"})
    void aRefusedCharacterIsA400NamingWhereItIs(String uri, String field) {
        AtomicBoolean passedOn = new AtomicBoolean();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET,
                URI.create(uri.replace("[", "%5B"))));

        filter.filter(exchange, e -> Mono.fromRunnable(() -> passedOn.set(true))).block();

        assertThat(passedOn).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("urn:elearn:problem:invalid-characters", "\"field\":\"" + field + "\"");
    }

    @Test
    void tabsNewlinesAndOrdinaryTextPass() {
        AtomicBoolean passedOn = new AtomicBoolean();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET,
                URI.create("/api/organizations/o/members?department=Sales%09%0A%C3%A9%F0%9F%98%80")));

        filter.filter(exchange, e -> Mono.fromRunnable(() -> passedOn.set(true))).block();

        assertThat(passedOn).isTrue();
    }
}
