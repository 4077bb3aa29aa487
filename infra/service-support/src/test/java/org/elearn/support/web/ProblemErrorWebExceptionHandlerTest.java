package org.elearn.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a server error's log line says: types and frames, and a message only where the JVM wrote it. */
class ProblemErrorWebExceptionHandlerTest {

    @Test
    void messagesThatMayCarryInputAreLeftOut() {
        String line = ProblemErrorWebExceptionHandler.describe(new IllegalStateException("wrapped",
                new IllegalArgumentException("bad email trainee-1@example.org")));

        assertThat(line).startsWith("java.lang.IllegalStateException <- java.lang.IllegalArgumentException\n")
                .contains("\tat org.elearn.support.web.ProblemErrorWebExceptionHandlerTest")
                .doesNotContain("trainee-1@example.org").doesNotContain("wrapped");
    }

    @Test
    void theJvmsResourceErrorsKeepTheirMessage() {
        String line = ProblemErrorWebExceptionHandler.describe(new IllegalStateException("stream failed",
                new OutOfMemoryError("Cannot reserve 4194304 bytes of direct buffer memory")));

        assertThat(line).startsWith("java.lang.IllegalStateException <- java.lang.OutOfMemoryError: "
                + "Cannot reserve 4194304 bytes of direct buffer memory\n").doesNotContain("stream failed");
        assertThat(ProblemErrorWebExceptionHandler.describe(new StackOverflowError()))
                .startsWith("java.lang.StackOverflowError\n");
    }
}
