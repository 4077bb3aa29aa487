package org.elearn.support.web;

import jakarta.validation.constraints.NotNull;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code learning.http.*}: request body limits, read by both sides.
 *
 * @param maxBodySize   the body limit of every request (413 beyond)
 * @param maxUploadSize the limit of uploads that read their own body: {@code text/csv} member imports
 *                      and the {@code bulkPaths}
 * @param bulkPaths     request paths whose JSON bodies may be up to {@code maxUploadSize}
 *                      ({@code /xapi/statements} on the command side)
 */
@Validated
@ConfigurationProperties("learning.http")
public record HttpProperties(@DefaultValue("1MB") @NotNull DataSize maxBodySize,
                             @DefaultValue("16MB") @NotNull DataSize maxUploadSize,
                             @DefaultValue Set<String> bulkPaths) {

    public HttpProperties {
        if (maxBodySize.toBytes() < 1 || maxUploadSize.toBytes() < 1 || maxUploadSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("learning.http.max-body-size and max-upload-size must be positive"
                    + " and below 2GB");
        }
        bulkPaths = Set.copyOf(bulkPaths);
    }
}
