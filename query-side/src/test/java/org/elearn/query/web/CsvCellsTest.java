package org.elearn.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void formulaLikeCellsAreNeutralizedAndOthersKept() {
        assertThat(CsvCells.neutralize("=SUM(A1)")).isEqualTo("'=SUM(A1)");
        assertThat(CsvCells.neutralize("+1 555 0100")).isEqualTo("'+1 555 0100");
        assertThat(CsvCells.neutralize("-2")).isEqualTo("'-2");
        assertThat(CsvCells.neutralize("@Ops")).isEqualTo("'@Ops");
        assertThat(CsvCells.neutralize("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvCells.neutralize("Ann Able")).isEqualTo("Ann Able");
        assertThat(CsvCells.neutralize("")).isEmpty();
        assertThat(CsvCells.neutralize(null)).isNull();
    }
}
