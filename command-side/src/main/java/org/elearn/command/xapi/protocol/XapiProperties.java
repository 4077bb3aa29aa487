package org.elearn.command.xapi.protocol;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code learning.xapi.*}: statement ingestion.
 *
 * @param maxBatch             statements per {@code POST /xapi/statements} (413 beyond)
 * @param maxConcurrentBatches ingestion batches in progress per instance; beyond, 503 with
 *                             {@code Retry-After}
 * @param accountHomePage      the {@code account.homePage} that names a member by id in an xAPI actor
 *                             ({@code LEARNING_XAPI_HOME_PAGE}; command-side.yml gives the default)
 */
@Validated
@ConfigurationProperties("learning.xapi")
public record XapiProperties(@DefaultValue("1000") @Positive int maxBatch,
                      @DefaultValue("8") @Positive int maxConcurrentBatches,
                      @NotBlank String accountHomePage) {
}
