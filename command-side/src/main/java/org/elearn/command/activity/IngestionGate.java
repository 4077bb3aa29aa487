package org.elearn.command.activity;

import org.elearn.support.web.ConcurrencyGate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bounds the ingestion batches in progress. A request that finds no free slot is refused at once
 * (503 with {@code Retry-After}) instead of waiting in a queue: nothing is held in memory that a
 * client believes stored, and overload cannot grow a backlog.
 */
@Component
public class IngestionGate extends ConcurrencyGate {

    IngestionGate(@Value("${learning.xapi.max-concurrent-batches:8}") int maxConcurrentBatches) {
        super(maxConcurrentBatches);
    }
}
