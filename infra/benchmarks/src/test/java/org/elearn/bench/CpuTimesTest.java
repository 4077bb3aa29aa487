package org.elearn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmarks' CPU accounting: a phase's cost is its readings apart, less the idle use over its length. */
class CpuTimesTest {

    private static CpuTimes times(double command, double query, double postgres) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("command side", command);
        seconds.put("query side", query);
        seconds.put(CpuTimes.POSTGRES, postgres);
        return new CpuTimes(seconds);
    }

    @Test
    void aPhaseCostsItsReadingsApartLessItsIdleUse() {
        CpuTimes idleFrom = times(10, 20, 30);
        CpuTimes start = times(10.2, 20.4, 30.1); // two idle seconds
        CpuTimes idle = start.minus(idleFrom).per(2);
        CpuTimes end = times(16.2, 29.4, 40.2); // ten seconds of work

        CpuTimes spent = end.minus(start).less(idle, 10);

        assertThat(spent.seconds().get("command side")).isCloseTo(5.0, within(1e-9));
        assertThat(spent.seconds().get("query side")).isCloseTo(7.0, within(1e-9));
        assertThat(spent.seconds().get(CpuTimes.POSTGRES)).isCloseTo(9.6, within(1e-9));
        assertThat(spent.total()).isCloseTo(21.6, within(1e-9));
        assertThat(spent.perThousand(20_000)).isEqualTo("command side 0.25, query side 0.35, PostgreSQL 0.48");
    }

    @Test
    void readingFindsThisProcessAndPostgresWithoutAnyService() throws Exception {
        CpuTimes now = CpuTimes.read(Map.of(), "no token needed");

        assertThat(now.seconds()).containsOnlyKeys(CpuTimes.POSTGRES, CpuTimes.GENERATOR);
        assertThat(now.seconds().get(CpuTimes.GENERATOR)).isPositive();
    }
}
