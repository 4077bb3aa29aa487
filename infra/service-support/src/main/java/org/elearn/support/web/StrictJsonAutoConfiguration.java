package org.elearn.support.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
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
 *       unsupported field is never dropped in silence while the request succeeds;</li>
 *   <li>anything after the document ({@code {...}}garbage}) and a key given twice are a 400: the
 *       request would otherwise mean whatever the last copy or the parser's stopping point said;</li>
 *   <li>an empty or blank string is not a number, a boolean or an object: it is a 400, not a null;</li>
 *   <li>a string holding a character {@link ControlCharacters} refuses is a 400 naming the field.</li>
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
        ObjectMapper strict = forRequests(objectMapper);
        return new WebFluxConfigurer() {
            @Override
            public void configureHttpMessageCodecs(ServerCodecConfigurer codecs) {
                codecs.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(strict));
            }
        };
    }

    /**
     * A copy of the application's mapper that reads request bodies by the rules above. Endpoints that
     * read their body themselves (xAPI statements) use it too.
     */
    public static ObjectMapper forRequests(ObjectMapper objectMapper) {
        ObjectMapper strict = objectMapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .registerModule(new SimpleModule("checked-strings").addDeserializer(String.class, new CheckedStrings()));
        strict.coercionConfigDefaults()
                .setAcceptBlankAsEmpty(false)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return strict;
    }

    /** Reads a string as Jackson does, then applies {@link ControlCharacters}. */
    private static final class CheckedStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (ControlCharacters.refused(text)) {
                throw new RefusedCharacters(parser);
            }
            return text;
        }
    }

    /**
     * A string field with a refused character. A {@link MismatchedInputException}, so that Jackson
     * adds the field's path on its way out; its message names no value.
     */
    static final class RefusedCharacters extends MismatchedInputException {

        RefusedCharacters(JsonParser parser) {
            super(parser, "refused character", (Class<?>) String.class);
        }
    }
}
