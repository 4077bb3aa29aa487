package org.elearn.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elearn.events.privacy.LocalKeyEncryptionKeys;
import org.elearn.local.Services;

/**
 * {@code java -jar infra/benchmarks/target/learning-benchmarks.jar bench-crypto [rounds] [eventsPerRound] [subjects]}
 *
 * <p>Prints (1) append throughput with and without personal-data encryption, side by side, and
 * their ratio; (2) erasure latency of subjects with 10,000 events each, request to clean.
 */
public final class CryptoBenchmark {

    private CryptoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        int eventsPerRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int subjects = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        System.setProperty("axoniq.update-checker.disabled", "true");
        try (BenchDatabase db = new BenchDatabase()) {
            appends(db, rounds, eventsPerRound);
            erasures(db, subjects);
        }
    }

    private static void appends(BenchDatabase db, int rounds, int eventsPerRound) throws Exception {
        try (HikariDataSource ds = db.newDatabase("bench_appends", 8)) {
            AppendBenchmark bench = new AppendBenchmark(ds);
            for (int w = 0; w < 3; w++) { // warm-up for the JIT, not counted
                bench.round(false, eventsPerRound);
                bench.round(true, eventsPerRound);
            }
            List<Double> plainMicros = new ArrayList<>();
            List<Double> encryptedMicros = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                double[] micros = bench.serializerMicros(200_000);
                if (r >= 3) { // the first rounds warm the JIT up
                    plainMicros.add(micros[0]);
                    encryptedMicros.add(micros[1]);
                }
            }
            System.out.printf("serializer alone, one thread, no database: median plain %.2f us/event, "
                    + "median encrypted %.2f us/event%n", Stats.median(plainMicros), Stats.median(encryptedMicros));
            List<Double> plain = new ArrayList<>();
            List<Double> encrypted = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                double p = bench.round(false, eventsPerRound);
                double e = bench.round(true, eventsPerRound);
                plain.add(p);
                encrypted.add(e);
                ratios.add(e / p);
                System.out.printf("appends: round %d  plain %,.0f ev/s  encrypted %,.0f ev/s  ratio %.3f%n",
                        r, p, e, e / p);
            }
            System.out.printf("appends: median plain %,.0f ev/s, median encrypted %,.0f ev/s, "
                            + "ratio of medians %.3f, median of paired round ratios %.3f (target >= 0.85)%n",
                    Stats.median(plain), Stats.median(encrypted), Stats.median(encrypted) / Stats.median(plain),
                    Stats.median(ratios));
        }
    }

    private static void erasures(BenchDatabase db, int subjects) throws Exception {
        if (subjects <= 0) {
            return;
        }
        db.newDatabase("bench_erasure", 2).close();
        String secrets = Files.createTempDirectory("learning-bench-secrets").toString();
        Services services = Services.start(
                Map.of("learning.db.url", db.learningUrl("bench_erasure"), "learning.db.user", "postgres",
                        "learning.db.password", "", "learning.secrets.dir", secrets,
                        "learning.crypto.kek", LocalKeyEncryptionKeys.newEncodedKey(), "server.port", 0,
                        "logging.level.root", "WARN",
                        // every subject registers from this one address
                        "learning.registration.max-requests-per-address", 1_000_000),
                Map.of("learning.operator.email", "operator@bench.example",
                        "learning.operator.password", "benchmark-operator-password"),
                Map.of());
        try {
            List<Double> millis = new ErasureBenchmark(services)
                    .run(subjects, 10_000, "operator@bench.example", "benchmark-operator-password");
            System.out.printf("erasure: %d subjects x 10,000 events: median %.0f ms, p99 %.0f ms, max %.0f ms "
                            + "(request to key gone and projections clean; target p99 < 1000 ms)%n",
                    millis.size(), Stats.median(millis), Stats.percentile(millis, 99),
                    Stats.percentile(millis, 100));
        } finally {
            services.close();
        }
    }
}
