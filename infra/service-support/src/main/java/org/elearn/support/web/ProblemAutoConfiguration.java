package org.elearn.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.util.unit.DataSize;

/** Every 4xx and 5xx as problem+json, and the request body limit. */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class)
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
    BodySizeLimitFilter bodySizeLimitFilter(@Value("${learning.http.max-body-size:1MB}") DataSize maxBody,
                                            @Value("${learning.http.max-upload-size:16MB}") DataSize maxUpload,
                                            @Value("${learning.http.bulk-paths:}") java.util.Set<String> bulkPaths,
                                            Problems problems) {
        return new BodySizeLimitFilter(maxBody.toBytes(), maxUpload.toBytes(), bulkPaths, problems);
    }
}
