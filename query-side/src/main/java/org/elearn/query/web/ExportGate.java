package org.elearn.query.web;

import org.elearn.query.QueryErrors;
import org.elearn.query.config.ReportsProperties;
import org.elearn.support.web.ConcurrencyGate;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds the file downloads running at once on this instance (the learning report's CSV and XLSX,
 * the member list's CSV): {@code learning.reports.export.concurrency}, default 4. Each holds a
 * database cursor for its whole download, and an XLSX export a worker thread and a temporary file
 * as well; one more gets {@code 503 exports-busy} at once.
 */
@Component
public class ExportGate extends ConcurrencyGate {

    ExportGate(ReportsProperties reports) {
        super(reports.export().concurrency());
    }

    /**
     * Writes {@code body} as an attachment named {@code fileName}, holding a slot until the
     * download has ended however it ends (done, failed, or the client gone), and giving it back
     * even if the body is never read; or {@code 503 exports-busy} with nothing started.
     */
    public Mono<Void> download(ServerHttpResponse response, Mono<String> fileName, MediaType type,
                               Flux<DataBuffer> body) {
        return guard(QueryErrors.EXPORTS_BUSY, "Other exports are running on this instance; nothing was started. Try again shortly.",
                fileName.flatMap(name -> {
                    response.getHeaders().setContentDisposition(ContentDisposition.attachment().filename(name).build());
                    response.getHeaders().setContentType(type);
                    return response.writeWith(body);
                }));
    }
}
