package org.elearn.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void formulaLikeCellsAreNeutralizedAndOthersKept() {
        assertThat(CsvCells.neutralize("=SUM(A1)")).isEqualTo("'=SUM(A1)");
        assertThat(CsvCells.neutralize("=HYPERLINK(\"http://x.example\",\"x\")"))
                .isEqualTo("'=HYPERLINK(\"http://x.example\",\"x\")");
        assertThat(CsvCells.neutralize("@Ops")).isEqualTo("'@Ops");
        assertThat(CsvCells.neutralize("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvCells.neutralize("\r=1")).isEqualTo("'\r=1");
        assertThat(CsvCells.neutralize("Ann Able")).isEqualTo("Ann Able");
        assertThat(CsvCells.neutralize("")).isEmpty();
        assertThat(CsvCells.neutralize(null)).isNull();
    }

    @Test
    void aSignFollowedByMoreThanANumberIsNeutralized() {
        assertThat(CsvCells.neutralize("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(CsvCells.neutralize("-2+3+cmd|' /C calc'!A0")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
        assertThat(CsvCells.neutralize("+SUM(A1:A9)")).isEqualTo("'+SUM(A1:A9)");
        assertThat(CsvCells.neutralize("-A1")).isEqualTo("'-A1");
        assertThat(CsvCells.neutralize("+1 555 0100 ext. 7")).isEqualTo("'+1 555 0100 ext. 7");
    }

    @Test
    void phoneNumbersAndPlainNumbersAreKeptAsGiven() {
        assertThat(CsvCells.neutralize("+44 20 7946 0000")).isEqualTo("+44 20 7946 0000");
        assertThat(CsvCells.neutralize("+1 (555) 010-0100")).isEqualTo("+1 (555) 010-0100");
        assertThat(CsvCells.neutralize("+33.1.23.45.67.89")).isEqualTo("+33.1.23.45.67.89");
        assertThat(CsvCells.neutralize("-2")).isEqualTo("-2");
        assertThat(CsvCells.neutralize("-0.5")).isEqualTo("-0.5");
    }
}
