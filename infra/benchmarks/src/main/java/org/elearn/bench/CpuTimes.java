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

    /**
     * Reads processes this benchmark started itself, by pid from /proc: each service's JVM and one
     * PostgreSQL server (its postmaster, every live child of it, and the children it has reaped), so
     * another PostgreSQL on the machine does not count. Linux only.
     */
    static CpuTimes ofProcesses(Map<String, Long> services, long postmaster) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        services.forEach((name, pid) -> seconds.put(name, processSeconds(pid, false)));
        seconds.put(POSTGRES, postgres(postmaster));
        seconds.put(GENERATOR, ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9);
        return new CpuTimes(seconds);
    }

    /** A process's CPU seconds (user and system); with {@code reaped}, its reaped children's too. NaN once gone. */
    static double processSeconds(long pid, boolean reaped) {
        String[] fields = stat(Path.of("/proc", Long.toString(pid)));
        return fields == null ? Double.NaN : seconds(fields, reaped);
    }

    private static double postgres() {
        return postgres(-1);
    }

    /** Every {@code postgres} process, or with {@code postmaster} >= 0 that one and its children only. */
    private static double postgres(long postmaster) {
        double total = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String[] fields = stat(process);
                if (fields == null || !fields[0].equals("(postgres)")) {
                    continue;
                }
                boolean ours = postmaster < 0 || process.getFileName().toString().equals(Long.toString(postmaster))
                        || fields[2].equals(Long.toString(postmaster));
                if (ours) {
                    // with the reaped children's time: the postmaster's backends that closed
                    total += seconds(fields, true);
                }
            }
        } catch (java.io.IOException noProc) {
            return Double.NaN;
        }
        return total;
    }

    /** /proc/<pid>/stat split into fields from the command name on (so fields[1] is the state), or null. */
    private static String[] stat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            int open = stat.indexOf(" (");
            int close = stat.lastIndexOf(')');
            String[] rest = stat.substring(close + 2).split(" ");
            String[] fields = new String[rest.length + 1];
            fields[0] = stat.substring(open + 1, close + 1);
            System.arraycopy(rest, 0, fields, 1, rest.length);
            return fields;
        } catch (java.io.IOException | RuntimeException gone) {
            return null; // the process ended meanwhile
        }
    }

    /** utime and stime (fields 14 and 15 of proc(5)), with cutime and cstime when {@code reaped}. */
    private static double seconds(String[] fields, boolean reaped) {
        double tick = 100.0; // USER_HZ on Linux
        long ticks = Long.parseLong(fields[12]) + Long.parseLong(fields[13]);
        if (reaped) {
            ticks += Long.parseLong(fields[14]) + Long.parseLong(fields[15]);
        }
        return ticks / tick;
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

    /** The system's own use: every part but the load generator. */
    double system() {
        return total() - seconds.getOrDefault(GENERATOR, 0.0);
    }

    /** For example "service 0.12, PostgreSQL 0.08, load generator 0.03". */
    String perThousand(long statements) {
        double k = statements / 1000.0;
        return seconds.entrySet().stream().map(e -> String.format(java.util.Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / k))
                .collect(Collectors.joining(", "));
    }
}
