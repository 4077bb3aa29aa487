package org.elearn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the cost benchmark reads token positions, and groups a service's threads by stage. */
class CostAccountingTest {

    @Test
    void aTokensPositionIsItsIndexAReplaysCurrentOneAMergesLowerHalf() throws Exception {
        assertThat(Topology.position(BenchApi.JSON.readTree("{\"index\":42,\"gaps\":[40]}"))).isEqualTo(42);
        assertThat(Topology.position(BenchApi.JSON.readTree(
                "{\"tokenAtReset\":{\"index\":90},\"currentToken\":{\"index\":17}}"))).isEqualTo(17);
        assertThat(Topology.position(BenchApi.JSON.readTree(
                "{\"lowerSegmentToken\":{\"index\":8},\"upperSegmentToken\":{\"index\":5}}"))).isEqualTo(5);
        assertThat(Topology.position(null)).isEqualTo(-1);
    }

    @Test
    void threadsGroupByProcessorRequestsGcAndJit() {
        assertThat(ThreadCpu.group("WorkPackage[learning-report]-3|0x1f")).isEqualTo("processor learning-report");
        assertThat(ThreadCpu.group("Coordinator[learning-report]-0|0x20")).isEqualTo("processor learning-report");
        assertThat(ThreadCpu.group("reactor-http-epoll-2|0x21")).isEqualTo(ThreadCpu.REQUESTS);
        assertThat(ThreadCpu.group("boundedElastic-7|0x22")).isEqualTo(ThreadCpu.REQUESTS);
        assertThat(ThreadCpu.group("G1 Conc#0|0x23")).isEqualTo(ThreadCpu.GC);
        assertThat(ThreadCpu.group("C2 CompilerThread0|0x24")).isEqualTo(ThreadCpu.JIT);
        assertThat(ThreadCpu.group("segment-balancer|0x25")).isEqualTo(ThreadCpu.OTHER);
    }

    @Test
    void aWindowCountsWhatEachGroupUsedAndDropsThreadsThatEnded() {
        Map<String, Double> before = Map.of("WorkPackage[progress]-0|0x1", 1.0, "boundedElastic-1|0x2", 2.0,
                "boundedElastic-2|0x3", 5.0);
        Map<String, Double> after = Map.of("WorkPackage[progress]-0|0x1", 1.5, "boundedElastic-1|0x2", 2.25,
                "boundedElastic-9|0x4", 0.5);

        Map<String, Double> groups = ThreadCpu.byGroup(before, after);

        assertThat(groups.get("processor progress")).isCloseTo(0.5, within(1e-9));
        assertThat(groups.get(ThreadCpu.REQUESTS)).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void aProcessorsOwnCpuIsReadFromProc() {
        assertThat(CpuTimes.processSeconds(ProcessHandle.current().pid(), false)).isPositive();
        assertThat(CpuTimes.processSeconds(Long.MAX_VALUE, false)).isNaN();
    }
}
