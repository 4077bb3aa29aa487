package org.elearn.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU seconds used so far, by part: each named service (its own {@code process_cpu_time_ns_total}
 * from its Prometheus endpoint), PostgreSQL (every {@code postgres} process in /proc, with the time
 * of the children they have reaped, so a connection that closes between two readings keeps its
 * count in the postmaster's; Linux only, NaN elsewhere) and this load generator (its own JVM, with
 * any subscribers it runs). Two
 * readings apart give what a phase cost; divided by its statements, what one costs. The services
 * must run as separate processes, or each is counted once per name.
 */
record CpuTimes(Map<String, Double> seconds) {

    static final String POSTGRES = "PostgreSQL";
    static final String GENERATOR = "load generator";

    /** Reads every part now; {@code services} by name, each with the operator's token. */
    static CpuTimes read(Map<String, BenchApi> services, String operator) throws Exception {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Map.Entry<String, BenchApi> service : services.entrySet()) {
            String scrape = service.getValue().send(HttpRequest.newBuilder(URI.create(service.getValue().base
                    + "/actuator/prometheus")).header("Authorization", "Bearer " + operator).GET());
            seconds.put(service.getKey(), scrape.lines().filter(l -> l.startsWith("process_cpu_time_ns_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) / 1e9).sum());
        }
        seconds.put(POSTGRES, postgres());
        seconds.put(GENERATOR, ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9);
        return new CpuTimes(seconds);
    }

    private static double postgres() {
        double total = 0;
        double tick = 100.0; // USER_HZ on Linux
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // utime and stime, then cutime and cstime (reaped children: the postmaster's backends)
                        total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                                + Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / tick;
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (java.io.IOException noProc) {
            return Double.NaN;
        }
        return total;
    }

    /** What was used since {@code before}, part by part. */
    CpuTimes minus(CpuTimes before) {
        return combine(before, -1);
    }

    /** This, less {@code rate} (CPU seconds per second, part by part) over {@code seconds}. */
    CpuTimes less(CpuTimes rate, double seconds) {
        return combine(rate, -seconds);
    }

    /** Per second over {@code seconds}. */
    CpuTimes per(double seconds) {
        return new CpuTimes(seconds().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue() / seconds, (a, b) -> a, LinkedHashMap::new)));
    }

    private CpuTimes combine(CpuTimes other, double factor) {
        Map<String, Double> result = new LinkedHashMap<>();
        seconds.forEach((part, value) -> result.put(part, value + factor * other.seconds.getOrDefault(part, 0.0)));
        return new CpuTimes(result);
    }

    double total() {
        return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** For example "service 0.12, PostgreSQL 0.08, load generator 0.03". */
    String perThousand(long statements) {
        double k = statements / 1000.0;
        return seconds.entrySet().stream().map(e -> String.format(java.util.Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / k))
                .collect(Collectors.joining(", "));
    }
}
