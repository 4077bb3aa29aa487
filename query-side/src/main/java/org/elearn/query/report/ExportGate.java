package org.elearn.query.report;

import org.elearn.support.web.ConcurrencyGate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bounds the report exports running at once on this instance ({@code learning.reports.export.concurrency},
 * default 4). Each holds a database cursor for its whole download, and an XLSX export a worker
 * thread and a temporary file as well; one more gets {@code 503 exports-busy}.
 */
@Component
public class ExportGate extends ConcurrencyGate {

    ExportGate(@Value("${learning.reports.export.concurrency:4}") int concurrency) {
        super(concurrency);
    }
}
