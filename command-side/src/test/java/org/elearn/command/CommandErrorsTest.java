package org.elearn.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command side's catalogue: one entry per code, kept sorted, each code in kebab case. */
class CommandErrorsTest {

    @Test
    void entriesAreSortedAndCodesUniqueAndKebabCase() {
        assertThat(Arrays.stream(CommandErrors.values()).map(CommandErrors::name).toList()).isSorted();
        List<String> codes = Arrays.stream(CommandErrors.values()).map(CommandErrors::code).toList();
        assertThat(codes).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[a-z0-9]+(-[a-z0-9]+)*"), "kebab-case");
    }

    @Test
    void aRefusalCarriesItsEntry() {
        var refusal = CommandErrors.MEMBER_NOT_FOUND.refusal("No such member.");
        assertThat(refusal.code()).isEqualTo("member-not-found");
        assertThat(refusal.is(CommandErrors.MEMBER_NOT_FOUND)).isTrue();
        assertThat(refusal.is(CommandErrors.MEMBER_ALREADY_ACTIVE)).isFalse();
    }
}
