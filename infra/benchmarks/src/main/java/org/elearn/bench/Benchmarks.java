package org.elearn.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark drivers' entry point:
 * {@code java -jar infra/benchmarks/target/learning-benchmarks.jar <benchmark> [arguments]}. Each one
 * runs on its own, on a throw-away database or against running services (see docs/benchmarks.md). This
 * module is built with the others but shipped with none of them.
 */
public final class Benchmarks {

    /** A benchmark's main. */
    @FunctionalInterface
    private interface Benchmark {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Benchmark> BENCHMARKS = new TreeMap<>(Map.of(
            "bench-catch-up", CatchUpBenchmark::main,
            "bench-crypto", CryptoBenchmark::main,
            "bench-reports", ReportBenchmark::main,
            "bench-audit", AuditBenchmark::main,
            "bench-e2e-cost", CostBenchmark::main,
            "bench-xapi", IngestionBenchmark::main,
            "bench-xapi-reads", ReadsBenchmark::main,
            "bench-retention", RetentionBenchmark::main,
            "fault-pg-crash", PgCrashFault::main));

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        // a privacy product's benchmarks do not phone home either
        System.setProperty("axoniq.update-checker.disabled", "true");
        Benchmark benchmark = args.length == 0 ? null : BENCHMARKS.get(args[0]);
        if (benchmark == null) {
            System.err.println((args.length == 0 ? "no benchmark named" : "unknown benchmark '" + args[0] + "'")
                    + "; one of: " + String.join(", ", BENCHMARKS.keySet()));
            System.exit(2);
        }
        benchmark.run(Arrays.copyOfRange(args, 1, args.length));
    }
}
