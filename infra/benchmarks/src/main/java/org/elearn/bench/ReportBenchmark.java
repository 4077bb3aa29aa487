package org.elearn.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench-reports}: seeds a running system (both services) with one organization of many
 * trainees and many statements, then prints the time of the CSV and XLSX export of the whole
 * report with the query side's peak heap, and the delay from an ingestion acknowledgement to the
 * delivery of the changed row to each of many SSE subscribers while statements arrive at a steady
 * rate (p50, p99).
 *
 * <p>Arguments: {@code [trainees=100000] [statements=1000000] [subscribers=200] [rate=5000]
 * [seconds=15]}. Settings as for {@code bench-xapi}, plus QUERY_SIDE_URL (http://localhost:8081).
 * During the measured phase each statement is about a trainee not used before in that phase, so
 * each delivery answers exactly one acknowledgement; so rate × seconds must not exceed the
 * trainees.
 */
public final class ReportBenchmark {

    private static final int BATCH = 100;

    private final BenchApi command;
    private final BenchApi query;

    private ReportBenchmark() {
        this(BenchApi.commandSide(), new BenchApi(BenchApi.env("QUERY_SIDE_URL", "http://localhost:8081")));
    }

    private ReportBenchmark(BenchApi command, BenchApi query) {
        this.command = command;
        this.query = query;
    }

    /** Subscribers of one kind: {@code count} streams with the same filter ({@code ""} for the whole organization). */
    private record Subscribers(String filter, int count) {
    }

    /** How the delivery phase reads the system: CPU by part, dead letters and their causes (null: not looked at). */
    private record Probes(java.util.concurrent.Callable<CpuTimes> cpu,
                          java.util.concurrent.Callable<Map<String, Long>> deadLetters,
                          java.util.concurrent.Callable<List<String>> causes) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("dashboards")) {
            // bench-reports dashboards [departments] [department subscribers] [organization subscribers] [rate]
            // [seconds]: self-contained, on a system it starts (Topology)
            dashboards(args.length > 1 ? Integer.parseInt(args[1]) : 20, args.length > 2 ? Integer.parseInt(args[2]) : 200,
                    args.length > 3 ? Integer.parseInt(args[3]) : 10, args.length > 4 ? Integer.parseInt(args[4]) : 4_000,
                    args.length > 5 ? Integer.parseInt(args[5]) : 60);
            return;
        }
        if (args.length > 0 && args[0].equals("existing")) {
            // bench-reports existing "<organization name>" trainees [subscribers] [rate] [seconds]: the
            // export and delivery phases against an organization an earlier run seeded
            int trainees = Integer.parseInt(args[2]);
            new ReportBenchmark().measure(args[1], trainees, args.length > 3 ? Integer.parseInt(args[3]) : 200,
                    args.length > 4 ? Integer.parseInt(args[4]) : 5_000, args.length > 5 ? Integer.parseInt(args[5]) : 15);
            return;
        }
        int trainees = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long statements = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int subscribers = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 15;
        if ((long) rate * seconds > trainees) {
            throw new IllegalArgumentException("rate × seconds must not exceed the trainees");
        }
        new ReportBenchmark().run(trainees, statements, subscribers, rate, seconds);
    }

    private void run(int trainees, long statements, int subscribers, int rate, int seconds) throws Exception {
        String operator = command.operator();
        long started = System.nanoTime();
        BenchApi.Organization org = command.organization(operator, "Report Bench " + System.currentTimeMillis(),
                trainees);
        System.out.printf("setup: %,d trainees imported in %.0f s%n", trainees, (System.nanoTime() - started) / 1e9);
        started = System.nanoTime();
        seed(org, statements);
        System.out.printf("seed: %,d statements ingested in %.0f s%n", statements, (System.nanoTime() - started) / 1e9);
        started = System.nanoTime();
        awaitProjected(org, statements, trainees);
        System.out.printf("projected on the query side after another %.0f s%n", (System.nanoTime() - started) / 1e9);
        // tokens live 15 minutes; seeding and projection can take longer
        org = new BenchApi.Organization(org.id(), command.login(org.adminEmail(), "benchmark-password"), org.basic(),
                org.adminEmail(), org.trainees());
        exportsAndDeliveries(org, operator, trainees, subscribers, rate, seconds);
    }

    /** The measured phases against an organization seeded earlier (same names as a seeding run). */
    private void measure(String name, int trainees, int subscribers, int rate, int seconds) throws Exception {
        String operator = command.operator();
        BenchApi.Organization org = command.existing(name, trainees);
        exportsAndDeliveries(org, operator, trainees, subscribers, rate, seconds);
    }

    private void exportsAndDeliveries(BenchApi.Organization org, String operator, int trainees, int subscribers,
                                      int rate, int seconds) throws Exception {
        for (String format : List.of("csv", "xlsx")) {
            BenchApi.MemorySampler heap = BenchApi.MemorySampler.heap(query, operator);
            heap.start();
            long t0 = System.nanoTime();
            HttpResponse<InputStream> response = query.http.send(HttpRequest.newBuilder(URI.create(query.base
                            + "/api/organizations/" + org.id() + "/reports/learning/export?format=" + format))
                    .header("Authorization", "Bearer " + org.adminToken()).timeout(Duration.ofMinutes(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            long bytes;
            try (InputStream body = response.body()) {
                bytes = body.transferTo(java.io.OutputStream.nullOutputStream());
            }
            double took = (System.nanoTime() - t0) / 1e9;
            long peak = heap.stop();
            System.out.printf("export %s of %,d rows: %d, %.1f MB in %.1f s (target under 10 s); query side peak heap "
                            + "used %.0f MB (target under 256 MB)%n", format, trainees, response.statusCode(),
                    bytes / 1048576.0, took, peak / 1048576.0);
        }
        firstPages(org);
        Map<String, BenchApi> services = new java.util.LinkedHashMap<>();
        services.put("command side", command);
        services.put("query side", query);
        deliveries(org, List.of(new Subscribers("", subscribers)), trainee -> subscribers,
                new Probes(() -> CpuTimes.read(services, operator), null, null), operator, rate, seconds);
    }

    /**
     * Dashboards at real use, on a system of its own: one organization whose trainees (one per
     * statement of a phase) are spread over the departments; then the delivery phase with
     * department dashboards (spread evenly over the departments) and whole-organization ones
     * together, then again with a single whole-organization dashboard.
     */
    private static void dashboards(int departments, int departmentSubscribers, int organizationSubscribers, int rate,
                                   int seconds) throws Exception {
        int trainees = rate * seconds / BATCH * BATCH;
        try (Topology topology = Topology.start()) {
            Topology.Service command = topology.startCommandSide();
            Topology.Service query = topology.startQuerySide();
            ReportBenchmark bench = new ReportBenchmark(command.api(), query.api());
            String operator = topology.operator();
            long t0 = System.nanoTime();
            BenchApi.Organization org = command.api().organization(operator, "Dashboard Bench "
                    + System.currentTimeMillis(), trainees, departments);
            System.out.printf("setup: %,d trainees in %d departments imported in %.0f s%n", trainees, departments,
                    (System.nanoTime() - t0) / 1e9);
            CostBenchmark.awaitCurrent(topology, "setup");
            Map<String, Integer> department = new java.util.HashMap<>();
            for (int i = 0; i < trainees; i++) {
                department.put(org.trainees().get(i), i % departments);
            }
            List<Subscribers> mixed = new ArrayList<>();
            int[] perDepartment = new int[departments];
            for (int i = 0; i < departmentSubscribers; i++) {
                perDepartment[i % departments]++;
            }
            for (int d = 0; d < departments; d++) {
                mixed.add(new Subscribers("?department=Dept%20" + d, perDepartment[d]));
            }
            mixed.add(new Subscribers("", organizationSubscribers));
            Probes probes = new Probes(topology::cpu, topology::deadLetters, topology::deadLetterCauses);
            System.out.printf("%n%d department dashboards over %d departments and %d whole-organization ones:%n",
                    departmentSubscribers, departments, organizationSubscribers);
            bench.deliveries(org, mixed, trainee -> perDepartment[department.get(trainee)] + organizationSubscribers,
                    probes, operator, rate, seconds);
            CostBenchmark.awaitCurrent(topology, "the phase");
            System.out.printf("%none whole-organization dashboard:%n");
            org = new BenchApi.Organization(org.id(), command.api().login(org.adminEmail(), "benchmark-password"),
                    org.basic(), org.adminEmail(), org.trainees()); // tokens live 15 minutes
            bench.deliveries(org, List.of(new Subscribers("", 1)), trainee -> 1, probes, operator, rate, seconds);
        }
    }

    /**
     * The first page (50 rows) of the report under filters an administrator would use, each kind
     * 100 times after 10 unmeasured, one request at a time; p50 and p99 per kind and overall.
     */
    private void firstPages(BenchApi.Organization org) throws Exception {
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String weekAgo = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(7).toString();
        Map<String, java.util.function.IntFunction<String>> kinds = new java.util.LinkedHashMap<>();
        kinds.put("department, by name", i -> "department=Dept%20" + i % 12);
        kinds.put("department and status, by learning time", i -> "department=Dept%20" + i % 12
                + "&status=ACTIVE&sort=learningSeconds,desc");
        kinds.put("last 7 days, by last activity", i -> "from=" + weekAgo + "&to=" + today + "&sort=lastActivity,desc");
        kinds.put("status, by completion rate", i -> "status=ACTIVE&sort=completionRate,desc");
        List<Double> all = new ArrayList<>();
        for (Map.Entry<String, java.util.function.IntFunction<String>> kind : kinds.entrySet()) {
            List<Double> took = new ArrayList<>();
            for (int i = 0; i < 110; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> response = query.http.send(HttpRequest.newBuilder(URI.create(query.base
                                + "/api/organizations/" + org.id() + "/reports/learning?size=50&"
                                + kind.getValue().apply(i)))
                        .header("Authorization", "Bearer " + org.adminToken()).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                double millis = (System.nanoTime() - t0) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(kind.getKey() + ": " + response.statusCode() + " " + response.body());
                }
                if (i >= 10) {
                    took.add(millis);
                }
            }
            all.addAll(took);
            System.out.printf("first page, %s: p50 %.1f ms, p99 %.1f ms%n", kind.getKey(), Stats.median(took),
                    Stats.percentile(took, 99));
        }
        System.out.printf("first page of a filtered report, %d requests: p50 %.1f ms, p99 %.1f ms (target p99 under 50 ms)%n",
                all.size(), Stats.median(all), Stats.percentile(all, 99));
    }

    private void seed(BenchApi.Organization org, long statements) throws Exception {
        AtomicLong sent = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int c = 0; c < 8; c++) {
            clients.submit(() -> {
                while (sent.getAndAdd(BATCH) < statements) {
                    List<String> actors = new ArrayList<>(BATCH);
                    for (int i = 0; i < BATCH; i++) {
                        actors.add(org.trainees().get(ThreadLocalRandom.current().nextInt(org.trainees().size())));
                    }
                    ingest(org, actors);
                }
                return null;
            });
        }
        clients.shutdown();
        if (!clients.awaitTermination(2, TimeUnit.HOURS)) {
            throw new IllegalStateException("seeding did not finish");
        }
    }

    /** One batch, one statement per actor, one minute each; retried after Retry-After when refused. */
    private void ingest(BenchApi.Organization org, List<String> actors) throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < actors.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"actor\":{\"mbox\":\"mailto:").append(actors.get(i))
                    .append("\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},")
                    .append("\"object\":{\"id\":\"https://content.bench.example/video/")
                    .append(ThreadLocalRandom.current().nextInt(500)).append("\"},")
                    .append("\"result\":{\"duration\":\"PT60S\"},\"timestamp\":\"").append(Instant.now()).append("\"}");
        }
        command.statements(org.basic(), body.append(']').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Until the organization's learning hours add up to one minute per statement. */
    private void awaitProjected(BenchApi.Organization org, long statements, int trainees) throws Exception {
        double expected = statements / 60.0;
        long tokenAt = System.nanoTime();
        String token = org.adminToken();
        for (;;) {
            if (System.nanoTime() - tokenAt > TimeUnit.MINUTES.toNanos(10)) {
                token = command.login(org.adminEmail(), "benchmark-password");
                tokenAt = System.nanoTime();
            }
            String figures = query.send(HttpRequest.newBuilder(URI.create(query.base + "/api/organizations/"
                    + org.id() + "/reports/organization")).header("Authorization", "Bearer " + token).GET());
            Matcher hours = Pattern.compile("\"learningHours\":([0-9.]+)").matcher(figures);
            double total = 0;
            while (hours.find()) {
                total += Double.parseDouble(hours.group(1));
            }
            if (total >= expected - 0.5) {
                return;
            }
            TimeUnit.SECONDS.sleep(2); // polling a running system, not a test
        }
    }

    /**
     * Subscribers resume from a version beyond every row (no snapshot), statements arrive at the
     * rate for the duration, each about a trainee not used before in this phase; the delay of a
     * delivery is from the acknowledgement of the batch that held the trainee's statement. The CPU
     * the phase cost is counted from the start of ingestion until the system is idle again (every
     * processor done, not only the report), less what the same parts used idle just before.
     */
    private void deliveries(BenchApi.Organization org, List<Subscribers> subscribers,
                            java.util.function.ToIntFunction<String> deliveriesPerTrainee, Probes probes,
                            String operator, int rate, int seconds) throws Exception {
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        int streams = subscribers.stream().mapToInt(Subscribers::count).sum();
        try (SseDeliveries delivered = new SseDeliveries(acknowledged)) {
            for (Subscribers kind : subscribers) {
                delivered.open(query.base + "/api/organizations/" + org.id() + "/reports/learning/stream" + kind.filter(),
                        org.adminToken(), kind.count());
            }
            while (delivered.connected() < streams) {
                TimeUnit.MILLISECONDS.sleep(50); // waiting for connections in a load generator
            }
            TimeUnit.SECONDS.sleep(2); // let every stream finish its (empty) snapshot
            Map<String, Long> lettersBefore = probes.deadLetters() == null ? null : probes.deadLetters().call();
            // the idle use of the same parts, subtracted below: two seconds of the system at rest
            Quiet idle = quiet(probes, 0.25);
            CpuTimes start = idle.end();
            long startAt = idle.endAt();
            BenchApi.MemorySampler direct = BenchApi.MemorySampler.direct(query, operator);
            direct.start();
            double achieved = ingestAtRate(org, acknowledged, rate, seconds);
            long expected = acknowledged.keySet().stream().mapToLong(deliveriesPerTrainee::applyAsInt).sum();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (delivered.deliveries() < expected && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(200); // draining the streams in a load generator
            }
            long seen = delivered.deliveries();
            long directPeak = direct.stop();
            System.out.printf("SSE: %d subscribers, %,.0f statements/s ingested for %d s; %,d of %,d deliveries seen "
                            + "(within 60 s of the end); acknowledgement to delivery p50 %.0f ms, p95 %.0f ms, "
                            + "p99 %.0f ms (target p99 under 1 s)%n",
                    streams, achieved, seconds, seen, expected, seen == 0 ? Double.NaN : delivered.percentile(50),
                    seen == 0 ? Double.NaN : delivered.percentile(95), seen == 0 ? Double.NaN : delivered.percentile(99));
            System.out.printf("streams ended before the end of the phase: %d of %d; query side peak direct memory %.0f MB%n",
                    delivered.ended(), streams, directPeak / 1048576.0);
            Quiet after = quiet(probes, idle.cores().total() + 0.1);
            CpuTimes spent = after.end().minus(start).less(idle.cores(), (after.endAt() - startAt) / 1e9);
            long statements = acknowledged.size();
            double perThousand = spent.total() / (statements / 1000.0);
            System.out.printf("CPU seconds per 1,000 statements (from ingestion until idle, less idle use): %s; in all "
                            + "%.2f, so %,d statements/s need about %.1f cores (this machine: %d)%n",
                    spent.perThousand(statements), perThousand, rate, perThousand * rate / 1000.0,
                    Runtime.getRuntime().availableProcessors());
            if (lettersBefore != null) {
                Map<String, Long> letters = probes.deadLetters().call();
                System.out.printf("dead letters parked in the phase: %s%n", letters.equals(lettersBefore) ? "none"
                        : "YES " + letters + " (before: " + lettersBefore + ")");
                if (!letters.isEmpty() && probes.causes() != null) {
                    System.out.println("dead letters in all, by cause:");
                    probes.causes().call().forEach(cause -> System.out.println("  " + cause));
                }
            }
        }
    }

    /** Two seconds in which the parts used {@code cores} (CPU seconds per second), ending with {@code end}. */
    private record Quiet(CpuTimes cores, CpuTimes end, long endAt) {
    }

    /**
     * The first two seconds (of at most 60) in which all parts together use under {@code limit}
     * cores: the system at rest, every processor done. The last two seconds if none is.
     */
    private static Quiet quiet(Probes probes, double limit) throws Exception {
        CpuTimes last = probes.cpu().call();
        long lastAt = System.nanoTime();
        long deadline = lastAt + TimeUnit.SECONDS.toNanos(60);
        for (;;) {
            TimeUnit.SECONDS.sleep(2); // sampling a running system
            CpuTimes now = probes.cpu().call();
            long nowAt = System.nanoTime();
            CpuTimes cores = now.minus(last).per((nowAt - lastAt) / 1e9);
            if (cores.total() < limit || nowAt > deadline) {
                return new Quiet(cores, now, nowAt);
            }
            last = now;
            lastAt = nowAt;
        }
    }

    /** Statements about fresh trainees, in batches paced to the rate; returns the rate reached. */
    private double ingestAtRate(BenchApi.Organization org, Map<String, Long> acknowledged, int rate, int seconds)
            throws Exception {
        List<String> fresh = new ArrayList<>(org.trainees());
        Collections.shuffle(fresh);
        return Paced.run(rate * seconds / BATCH, BATCH, rate, b -> {
            List<String> actors = fresh.subList(b * BATCH, (b + 1) * BATCH);
            return () -> {
                actors.forEach(actor -> acknowledged.put(actor, SseDeliveries.SENT));
                ingest(org, actors);
                long now = System.nanoTime();
                actors.forEach(actor -> acknowledged.put(actor, now));
                return null;
            };
        });
    }
}
