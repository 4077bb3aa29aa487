package org.elearn.support.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Request bodies are read strictly, on every endpoint of both services alike:
 * <ul>
 *   <li>a field of the wrong JSON type is a 400, not silently converted: Jackson would otherwise
 *       turn {@code "name": 42} into the text "42";</li>
 *   <li>a field the endpoint does not know is a 400 naming it ({@link Problems}), so a misspelt or
 *       unsupported field is never dropped in silence while the request succeeds.</li>
 * </ul>
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
public class StrictJsonAutoConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictScalarCoercion() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /**
     * The server's JSON decoder reads with a copy of the application's mapper that fails on unknown
     * properties. Only request bodies: stored events, snapshots, tokens and web clients keep the shared
     * mapper, which tolerates fields it does not know. Ordered after Spring Boot's own configurer,
     * which would otherwise set the shared mapper's decoder last.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebFluxConfigurer unknownRequestFieldsRefused(ObjectMapper objectMapper) {
        ObjectMapper strict = objectMapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return new WebFluxConfigurer() {
            @Override
            public void configureHttpMessageCodecs(ServerCodecConfigurer codecs) {
                codecs.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(strict));
            }
        };
    }
}
