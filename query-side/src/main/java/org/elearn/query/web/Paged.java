package org.elearn.query.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** The body of a paged list: {@code {items, page, size, total}}. */
public record Paged<T>(List<T> items, int page, int size, long total) {

    /** The page of {@code items} out of {@code total}, once both are read. */
    public static <T> Mono<Paged<T>> of(Mono<List<T>> items, Mono<Long> total, int page, int size) {
        return Mono.zip(items, total).map(result -> new Paged<>(List.copyOf(result.getT1()), page, size,
                result.getT2()));
    }

    /** The same body as a map, for lists still read as maps. */
    public static Mono<Map<String, Object>> body(Mono<List<Map<String, Object>>> items, Mono<Long> total, int page,
                                                 int size) {
        return of(items, total, page, size).map(paged -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", paged.items());
            body.put("page", paged.page());
            body.put("size", paged.size());
            body.put("total", paged.total());
            return body;
        });
    }
}
