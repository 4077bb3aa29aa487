package org.elearn.support.web;

import org.elearn.support.errors.EdgeErrors;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a declared body over the limit before anything reads it. Bodies without a declared length
 * are bounded by the codecs' {@code spring.codec.max-in-memory-size}, which fails the same way.
 * File uploads ({@code text/csv}) are streamed to disk, not decoded in memory, and have their own,
 * larger limit, which the upload endpoint also enforces while streaming. So do bulk endpoints (such
 * as a batch of xAPI statements), which read their body themselves within that limit.
 */
public class BodySizeLimitFilter implements WebFilter, Ordered {

    /** The media type of file uploads. */
    public static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

    private final long maxBytes;
    private final long maxUploadBytes;
    private final java.util.Set<String> bulkPaths;
    private final Problems problems;

    public BodySizeLimitFilter(long maxBytes, long maxUploadBytes, java.util.Set<String> bulkPaths,
                               Problems problems) {
        this.maxBytes = maxBytes;
        this.maxUploadBytes = maxUploadBytes;
        this.bulkPaths = java.util.Set.copyOf(bulkPaths);
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        boolean bulk = type != null && type.isCompatibleWith(TEXT_CSV)
                || bulkPaths.contains(exchange.getRequest().getPath().pathWithinApplication().value());
        long maxBytes = bulk ? maxUploadBytes : this.maxBytes;
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > maxBytes) {
            return problems.write(exchange, problems.toProblem(EdgeErrors.BODY_TOO_LARGE.refusal(
                    "The request body is larger than this endpoint accepts (" + maxBytes + " bytes).")));
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
