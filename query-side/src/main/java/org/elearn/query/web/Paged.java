package org.elearn.query.web;

import java.util.List;
import reactor.core.publisher.Mono;

/** The body of a paged list: {@code {items, page, size, total}}. */
public record Paged<T>(List<T> items, int page, int size, long total) {

    /** The page of {@code items} out of {@code total}, once both are read. */
    public static <T> Mono<Paged<T>> of(Mono<List<T>> items, Mono<Long> total, int page, int size) {
        return Mono.zip(items, total).map(result -> new Paged<>(List.copyOf(result.getT1()), page, size,
                result.getT2()));
    }
}
