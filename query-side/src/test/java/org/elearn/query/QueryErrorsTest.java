package org.elearn.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query side's catalogue: one entry per code, kept sorted, each code in kebab case. */
class QueryErrorsTest {

    @Test
    void entriesAreSortedAndCodesUniqueAndKebabCase() {
        assertThat(Arrays.stream(QueryErrors.values()).map(QueryErrors::name).toList()).isSorted();
        List<String> codes = Arrays.stream(QueryErrors.values()).map(QueryErrors::code).toList();
        assertThat(codes).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[a-z0-9]+(-[a-z0-9]+)*"), "kebab-case");
    }

    @Test
    void busyRefusalsKeepTheCodesClientsRetryOn() {
        assertThat(List.of(QueryErrors.EXPORTS_BUSY, QueryErrors.CHECKS_BUSY, QueryErrors.VERIFICATIONS_BUSY,
                        QueryErrors.STREAMS_BUSY, QueryErrors.REPLAYS_BUSY))
                .extracting(QueryErrors::code)
                .containsExactly("exports-busy", "checks-busy", "verifications-busy", "streams-busy", "replays-busy");
    }
}
