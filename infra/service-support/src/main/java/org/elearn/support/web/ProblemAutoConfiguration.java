package org.elearn.support.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.error.ErrorWebFluxAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.core.annotation.Order;

/**
 * Every 4xx and 5xx as problem+json, including the refusals of the security firewall and of the HTTP
 * server itself; the request body limit; and the control-character rule for query and path.
 */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class)
@EnableConfigurationProperties(HttpProperties.class)
public class ProblemAutoConfiguration {

    @Bean
    Problems problems(ObjectMapper objectMapper, @Value("${spring.application.name:}") String side) {
        return new Problems(objectMapper, new SideRoutes(side));
    }

    @Bean
    @Order(-2)
    ProblemErrorWebExceptionHandler problemErrorWebExceptionHandler(Problems problems) {
        return new ProblemErrorWebExceptionHandler(problems);
    }

    @Bean
    BodySizeLimitFilter bodySizeLimitFilter(HttpProperties http, Problems problems) {
        return new BodySizeLimitFilter(http.maxBodySize().toBytes(), http.maxUploadSize().toBytes(), http.bulkPaths(),
                problems);
    }

    @Bean
    TextInputFilter textInputFilter(Problems problems) {
        return new TextInputFilter(problems);
    }

    /**
     * The firewall's refusal of a request path (an encoded slash, a {@code ..} segment, a
     * backslash, ...), which Spring Security would otherwise answer with an empty 400.
     */
    @Bean
    ServerExchangeRejectedHandler problemForRejectedExchange(Problems problems) {
        return (exchange, rejected) -> problems.write(exchange, Problems.problem(HttpStatus.BAD_REQUEST,
                "malformed-request", "The request path is not accepted (encoded slashes, dot segments and "
                        + "control characters are refused)."));
    }

    @Bean
    NettyServerCustomizer bareErrorBodies(ObjectMapper objectMapper) throws JsonProcessingException {
        Map<Integer, byte[]> bodies = new HashMap<>();
        bodies.put(400, objectMapper.writeValueAsBytes(Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "The request line or its URI cannot be read.")));
        bodies.put(414, objectMapper.writeValueAsBytes(Problems.problem(HttpStatus.URI_TOO_LONG, "uri-too-long",
                "The request line is longer than this service accepts.")));
        bodies.put(431, objectMapper.writeValueAsBytes(Problems.problem(
                HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large",
                "The request headers are larger than this service accepts.")));
        return BareErrorBodies.customizer(Map.copyOf(bodies));
    }
}
