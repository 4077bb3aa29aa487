package org.elearn.command.xapi.statements;

import org.elearn.command.xapi.protocol.XapiProperties;
import org.elearn.support.web.ConcurrencyGate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Bounds the ingestion batches in progress. A request that finds no free slot is refused at once
 * (503 with {@code Retry-After}) instead of waiting in a queue: nothing is held in memory that a
 * client believes stored, and overload cannot grow a backlog.
 */
@Component
@EnableConfigurationProperties(XapiProperties.class)
public class IngestionGate extends ConcurrencyGate {

    IngestionGate(XapiProperties xapi) {
        super(xapi.maxConcurrentBatches());
    }
}
