package org.elearn.support.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.elearn.support.web.Problems;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The edge catalogue is well formed, and every kind of refusal has an HTTP status. */
class ErrorCataloguesTest {

    @Test
    void edgeEntriesAreSortedAndCodesUniqueAndKebabCase() {
        assertThat(Arrays.stream(EdgeErrors.values()).map(EdgeErrors::name).toList()).isSorted();
        List<String> codes = Arrays.stream(EdgeErrors.values()).map(EdgeErrors::code).toList();
        assertThat(codes).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[a-z0-9]+(-[a-z0-9]+)*"), "kebab-case");
    }

    @Test
    void everyKindMapsToAnErrorStatus() {
        EnumSet<HttpStatus> statuses = EnumSet.noneOf(HttpStatus.class);
        for (ErrorKind kind : ErrorKind.values()) {
            HttpStatus status = Problems.status(kind);
            assertThat(status.isError()).as(kind.name()).isTrue();
            statuses.add(status);
        }
        // two kinds answering alike would make a client unable to tell them apart
        assertThat(statuses).hasSize(ErrorKind.values().length);
        assertThat(Problems.status(ErrorKind.INVALID)).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Problems.status(ErrorKind.RATE_LIMITED)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(Problems.status(ErrorKind.UNAVAILABLE)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void aRefusalKnowsItsEntry() {
        DomainException refusal = EdgeErrors.ORGANIZATION_NOT_FOUND.refusal("No organization with this id.");
        assertThat(refusal.is(EdgeErrors.ORGANIZATION_NOT_FOUND)).isTrue();
        assertThat(refusal.is(EdgeErrors.FORBIDDEN)).isFalse();
        assertThat(refusal.code()).isEqualTo("organization-not-found");
        assertThat(refusal.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(refusal.getStackTrace()).isEmpty();
    }
}
