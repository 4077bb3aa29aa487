package org.elearn.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench-e2e-cost}: what one learning statement costs the whole platform, end to end, in CPU
 * seconds per 1,000 statements, by process and by stage.
 *
 * <p>It starts the system as separate processes ({@link Topology}: PostgreSQL, the command side, the
 * query side), sets up one organization through the API (an approved administrator, imported
 * trainees, an ingestion credential), then, unless {@code BENCH_COURSES=0}, has an instructor publish
 * that many courses ({@link BenchCourses}, 3 by default) and the administrator assign them to every
 * trainee, so that the statements, about those courses' lessons, make progress as in real use (with
 * {@code BENCH_COURSES=0}: {@code bench-xapi}'s statements, whose courses do not exist). It waits until
 * every processor of both sides has handled the setup, ingests a warm-up at the measured rate (the JIT compiles; not counted), measures idle use
 * for 5 s, then ingests the measured statements through {@code POST /xapi/statements} in batches of
 * 100 at a fixed rate and waits until every processor of both sides is at the event store's head as
 * it stood after the last acknowledgement (the token store's positions). The window runs from the
 * first batch until then; each part's idle use over the window is subtracted. It prints the events
 * that progress stored in the window, by type.
 *
 * <p>Then, in the same run: the peak (8 clients back to back, as {@code bench-xapi}), a wait until
 * the processors are current again, the raw JDBC ceiling of the same PostgreSQL
 * ({@link IngestionBenchmark#rawCeiling}), and their ratio.
 *
 * <p>Arguments: {@code [statements=100000] [rate=2000] [trainees=10000] [warm-up statements=20000]
 * [peak and ceiling seconds=20]}.
 */
public final class CostBenchmark {

    private static final int BATCH = 100;
    private static final int CONCURRENCY = 8;
    private static final Duration IDLE = Duration.ofSeconds(5);
    /** Departments the trainees are spread over; the courses are assigned one department at a time. */
    private static final int DEPARTMENTS = 12;

    private CostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int statements = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int trainees = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        int peakSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        if (statements < BATCH || rate < 1) {
            throw new IllegalArgumentException("at least 100 statements, at a positive rate");
        }
        try (Topology topology = Topology.start()) {
            new CostBenchmark().run(topology, statements / BATCH * BATCH, rate, trainees, warmUp / BATCH * BATCH,
                    peakSeconds);
        }
    }

    private void run(Topology topology, int statements, int rate, int trainees, int warmUp, int peakSeconds)
            throws Exception {
        Topology.Service command = topology.startCommandSide();
        Topology.Service query = topology.startQuerySide();
        String operator = topology.operator();
        long t0 = System.nanoTime();
        BenchApi.Organization org = command.api().organization(operator, "Cost Bench " + System.currentTimeMillis(),
                trainees, DEPARTMENTS);
        System.out.printf("setup: %,d trainees imported in %.1f s%n", trainees, (System.nanoTime() - t0) / 1e9);
        awaitCurrent(topology, "setup");
        int courseCount = Integer.parseInt(BenchApi.env("BENCH_COURSES", "3"));
        Batches batches;
        if (courseCount > 0) {
            long c0 = System.nanoTime();
            BenchCourses courses = BenchCourses.setUp(command.api(), operator, org, courseCount, DEPARTMENTS);
            System.out.printf("setup: %d courses published, every trainee enrolled in each (%,d enrolments) in %.1f s%n",
                    courseCount, (long) courseCount * trainees, (System.nanoTime() - c0) / 1e9);
            awaitCurrent(topology, "courses and enrolments");
            batches = () -> courses.batch(org.trainees());
        } else {
            System.out.println("setup: no courses (BENCH_COURSES=0): the statements name courses that do not exist");
            batches = () -> IngestionBenchmark.batch(org.id(), org.trainees());
        }
        if (warmUp > 0) {
            ingest(command, org, warmUp, rate, batches);
            awaitCurrent(topology, "warm-up of " + String.format(Locale.ROOT, "%,d", warmUp) + " statements");
        }

        // idle use of every part and of every thread group, subtracted from the window below
        Readings idleStart = Readings.take(topology);
        TimeUnit.NANOSECONDS.sleep(IDLE.toNanos()); // measuring the system at rest
        Readings idleEnd = Readings.take(topology);
        double idleSeconds = (idleEnd.at - idleStart.at) / 1e9;

        Map<String, Long> lettersBefore = topology.deadLetters();
        boolean stages = !BenchApi.env("BENCH_STAGES", "1").equals("0");
        Map<String, Path> recordings = new LinkedHashMap<>();
        for (Topology.Service side : new Topology.Service[] {command, query}) {
            recordings.put(side.name(), topology.home.resolve(side.name().replace(' ', '-') + "-stages.jfr"));
            if (stages) {
                ThreadCpu.startRecording(side.pid(), topology.home);
            }
        }
        Map<String, Long> progressBefore;
        try (Connection c = topology.connection()) {
            progressBefore = BenchCourses.progressEvents(c);
        }
        Readings start = Readings.take(topology);
        double reached = ingest(command, org, statements, rate, batches);
        long acknowledged = System.nanoTime();
        long head = topology.head();
        Map<String, Double> current = topology.awaitCurrent(head, acknowledged,
                Duration.ofSeconds(Math.max(300, 3L * statements / rate)));
        Readings end = Readings.take(topology);
        if (stages) {
            for (Topology.Service side : new Topology.Service[] {command, query}) {
                ThreadCpu.stopRecording(side.pid(), recordings.get(side.name()));
            }
        }
        double window = (end.at - start.at) / 1e9;

        CpuTimes idleRate = idleEnd.cpu.minus(idleStart.cpu).per(idleSeconds);
        CpuTimes spent = end.cpu.minus(start.cpu).less(idleRate, window);
        double k = statements / 1000.0;
        System.out.printf("%nmeasured: %,d statements in batches of %d at %,d/s asked, %,.0f/s acknowledged; every "
                        + "processor current %.1f s after the last acknowledgement; window %.1f s (end to end %,.0f "
                        + "statements/s)%n", statements, BATCH, rate, reached,
                current.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), window,
                statements / window);
        Map<String, Long> positions = topology.positions();
        positions.forEach((processor, position) -> {
            if (!current.containsKey(processor)) {
                System.out.printf("  NOT CURRENT: %s at %d of %d; its figures are short%n", processor, position, head);
            }
        });
        Map<String, Long> progressAfter;
        try (Connection c = topology.connection()) {
            progressAfter = BenchCourses.progressEvents(c);
        }
        StringBuilder progress = new StringBuilder();
        progressAfter.forEach((type, n) -> progress.append(progress.isEmpty() ? "" : ", ").append(type).append(' ')
                .append(String.format(Locale.ROOT, "%,d", n - progressBefore.get(type))));
        System.out.println("progress events stored in the window: " + progress);
        System.out.println("processors, seconds after the last acknowledgement until at the head:");
        current.forEach((processor, at) -> System.out.printf(Locale.ROOT, "  %-22s %6.1f s%n", processor, at));
        System.out.printf("%nCPU seconds per 1,000 statements (window less idle use; idle in cores: %s)%n",
                idleRate.perThousand(1000));
        System.out.println("| part | CPU s per 1,000 |");
        System.out.println("|---|---|");
        spent.seconds().forEach((part, seconds) -> {
            if (!part.equals(CpuTimes.GENERATOR)) {
                System.out.printf(Locale.ROOT, "| %s (%s) | %.3f |%n", part, heapOf(topology, part), seconds / k);
            }
        });
        System.out.printf(Locale.ROOT, "| **total** (the system) | **%.3f** |%n", spent.system() / k);
        System.out.printf(Locale.ROOT, "| load generator (not in the total) | %.3f |%n",
                spent.seconds().get(CpuTimes.GENERATOR) / k);

        System.out.println();
        System.out.println("By stage (per-thread CPU by thread name; the command side's request threads split by JFR "
                + "samples):");
        System.out.println("| side | stage | CPU s per 1,000 |");
        System.out.println("|---|---|---|");
        for (String side : new String[] {Topology.COMMAND_SIDE, Topology.QUERY_SIDE}) {
            Map<String, Double> groups = groups(side, idleStart, idleEnd, idleSeconds, start, end, window);
            double sum = groups.values().stream().mapToDouble(Double::doubleValue).sum(); // before the shares
            if (stages) {
                Map<String, Map<String, Long>> samples = ThreadCpu.samples(recordings.get(side));
                for (Map.Entry<String, Map<String, Long>> group : samples.entrySet()) {
                    Double cpu = groups.get(group.getKey());
                    long all = group.getValue().values().stream().mapToLong(Long::longValue).sum();
                    if (cpu == null || all == 0) {
                        continue;
                    }
                    if (side.equals(Topology.COMMAND_SIDE) && group.getKey().equals(ThreadCpu.REQUESTS)) {
                        groups.remove(ThreadCpu.REQUESTS);
                        group.getValue().forEach((stage, n) -> groups.put("requests: " + stage + " (" + n + " of "
                                + all + " samples)", cpu * n / all));
                    } else if (group.getKey().startsWith("processor ")) {
                        long crypto = group.getValue().get(ThreadCpu.ENCRYPTION);
                        groups.put(group.getKey() + ", of which decryption (" + crypto + " of " + all + " samples)",
                                cpu * crypto / all);
                    }
                }
            }
            groups.put("threads ended in the window (not attributed)", spent.seconds().get(side) - sum);
            groups.forEach((group, seconds) -> System.out.printf(Locale.ROOT, "| %s | %s | %.3f |%n", side, group,
                    seconds / k));
        }
        System.out.printf(Locale.ROOT, "| PostgreSQL | every backend, the postmaster and its helpers | %.3f |%n",
                spent.seconds().get(CpuTimes.POSTGRES) / k);
        Map<String, Long> letters = topology.deadLetters();
        System.out.printf("dead letters parked in the window: %s%n", letters.equals(lettersBefore) ? "none"
                : "YES " + letters + " (before: " + lettersBefore + ")");
        if (!letters.isEmpty()) {
            System.out.println("dead letters in all, by cause:");
            topology.deadLetterCauses().forEach(cause -> System.out.println("  " + cause));
        }

        // the peak and the raw ceiling of the same PostgreSQL, processors idle for the ceiling
        double peak = IngestionBenchmark.peak(command.api(), operator, org.id(), org.basic(), org.trainees(),
                CONCURRENCY, Duration.ofSeconds(peakSeconds));
        awaitCurrent(topology, "the peak");
        double rowBytes;
        try (Connection c = topology.connection()) {
            rowBytes = IngestionBenchmark.storedRowBytes(c);
        }
        double ceiling = IngestionBenchmark.rawCeiling(topology::connection, (int) Math.round(rowBytes), CONCURRENCY,
                Duration.ofSeconds(peakSeconds));
        System.out.printf("%npeak ingestion (%d clients back to back, %d s): %,.0f statements/s acknowledged%n",
                CONCURRENCY, peakSeconds, peak);
        System.out.printf("raw JDBC ceiling of the same PostgreSQL (batches of %d rows of %.0f bytes, %d connections, "
                + "one commit per batch, %d s): %,.0f rows/s%n", BATCH, rowBytes, CONCURRENCY, peakSeconds, ceiling);
        System.out.printf("ratio peak ingestion / raw ceiling: %.2f; measured end-to-end rate / raw ceiling: %.2f%n",
                peak / ceiling, statements / window / ceiling);
    }

    /** A service's heap as started, for naming it beside its figures. */
    private static String heapOf(Topology topology, String part) {
        return part.equals(CpuTimes.POSTGRES) ? "separate processes" : "JVM, -Xmx" + topology.heap;
    }

    /** CPU seconds of a side's thread groups in the window, less each group's idle use. */
    private static Map<String, Double> groups(String side, Readings idleStart, Readings idleEnd, double idleSeconds,
                                              Readings start, Readings end, double window) {
        Map<String, Double> idle = ThreadCpu.byGroup(idleStart.threads.get(side), idleEnd.threads.get(side));
        Map<String, Double> groups = new TreeMap<>(ThreadCpu.byGroup(start.threads.get(side), end.threads.get(side)));
        groups.replaceAll((group, seconds) -> seconds - idle.getOrDefault(group, 0.0) / idleSeconds * window);
        return groups;
    }

    /** One reading of every process's CPU and of each service's threads. */
    private record Readings(CpuTimes cpu, Map<String, Map<String, Double>> threads, long at) {
        static Readings take(Topology topology) throws Exception {
            Map<String, Map<String, Double>> threads = new LinkedHashMap<>();
            for (String side : new String[] {Topology.COMMAND_SIDE, Topology.QUERY_SIDE}) {
                threads.put(side, ThreadCpu.read(topology.service(side).pid()));
            }
            return new Readings(topology.cpu(), threads, System.nanoTime());
        }
    }

    /** Generated statements (as {@code bench-xapi}'s) at the rate; the rate reached. */
    static double ingest(Topology.Service command, BenchApi.Organization org, int statements, int rate)
            throws Exception {
        return ingest(command, org, statements, rate, () -> IngestionBenchmark.batch(org.id(), org.trainees()));
    }

    /** Statements from {@code batches} at the rate; the rate reached. */
    private static double ingest(Topology.Service command, BenchApi.Organization org, int statements, int rate,
                                 Batches batches) throws Exception {
        return Paced.run(statements / BATCH, BATCH, rate, b -> () -> {
            command.api().statements(org.basic(), batches.next());
            return null;
        });
    }

    /** Where the statements come from: one batch of 100 at a time. */
    @FunctionalInterface
    private interface Batches {
        byte[] next() throws Exception;
    }

    /** Until every processor of both sides has handled everything stored so far. */
    static void awaitCurrent(Topology topology, String after) throws Exception {
        long t0 = System.nanoTime();
        long head = topology.head();
        Map<String, Double> current = topology.awaitCurrent(head, t0, Duration.ofMinutes(30));
        if (current.size() < topology.positions().size()) {
            throw new IllegalStateException("processors not current 30 minutes after " + after + ": "
                    + topology.positions() + " against head " + head);
        }
        System.out.printf("after %s: every processor current in %.1f s%n", after, (System.nanoTime() - t0) / 1e9);
    }
}
