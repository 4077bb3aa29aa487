package org.elearn.query.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** The body of a paged list: {@code {items, page, size, total}}. */
public final class Paged {

    private Paged() {
    }

    public static Mono<Map<String, Object>> body(Mono<List<Map<String, Object>>> items, Mono<Long> total, int page,
                                                 int size) {
        return Mono.zip(items, total).map(result -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", new ArrayList<>(result.getT1()));
            body.put("page", page);
            body.put("size", size);
            body.put("total", result.getT2());
            return body;
        });
    }
}
