package org.elearn.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code bench-catch-up}: how long each processor takes to become current after a backlog, as
 * after a deployment or an outage of the query side.
 *
 * <p>On a system of its own ({@link Topology}): the command side alone sets up one organization
 * (approved administrator, imported trainees, credential) and its processors handle it; then, with
 * the command side stopped, its processors' segments are parked in the token store, the command
 * side starts again and ingests the seed through {@code POST /xapi/statements} (batches of 100, 16
 * clients back to back, {@code bench-xapi}'s statements) with no processor running and the query
 * side not started. Then the command side stops, its segments are handed back, and both sides start
 * at once: the command side's processors resume where they were parked, the query side's (never
 * started) from the start of the event store. The clock of each processor runs from its side's
 * launch until every segment of it is at the head (the token store, read every 200 ms).
 *
 * <p>Arguments: {@code [statements=1000000] [trainees=10000]}.
 */
public final class CatchUpBenchmark {

    private static final int BATCH = 100;

    private CatchUpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int statements = (args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000) / BATCH * BATCH;
        int trainees = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        try (Topology topology = Topology.start()) {
            run(topology, statements, trainees);
        }
    }

    private static void run(Topology topology, int statements, int trainees) throws Exception {
        Topology.Service command = topology.startCommandSide();
        BenchApi.Organization org = command.api().organization(topology.operator(), "Catch-up Bench "
                + System.currentTimeMillis(), trainees);
        CostBenchmark.awaitCurrent(topology, "setup (command side)");
        Set<String> commandProcessors = new TreeSet<>(topology.positions().keySet());
        topology.stop(command);
        topology.park();
        command = topology.startCommandSide();
        long t0 = System.nanoTime();
        double rate = CostBenchmark.ingest(command, org, statements, Integer.MAX_VALUE);
        System.out.printf("seed: %,d statements in %.0f s (%,.0f/s), every processor parked, the query side not "
                + "started%n", statements, (System.nanoTime() - t0) / 1e9, rate);
        topology.stop(command);
        topology.unpark();
        long head = topology.head();
        Map<String, Long> from = topology.positions();

        CpuTimes before = topology.cpu();
        command = topology.launchCommandSide();
        Topology.Service query = topology.launchQuerySide();
        topology.awaitReady(command);
        topology.awaitReady(query);
        Map<String, Double> current = topology.awaitCurrent(head, command.launchedAt(),
                Duration.ofSeconds(Math.max(600, statements / 500)));
        CpuTimes spent = topology.cpu().minus(before);

        System.out.printf("%ncatch-up to the head (global index %,d): seconds from the side's launch until every "
                + "segment is at the head%n", head);
        System.out.println("| side | processor | events behind at launch | seconds from launch | from ready | events/s from launch |");
        System.out.println("|---|---|---|---|---|---|");
        Map<String, Long> positions = topology.positions();
        for (boolean commandSide : new boolean[] {true, false}) {
            Topology.Service side = commandSide ? command : query;
            double launched = (side.launchedAt() - command.launchedAt()) / 1e9;
            double ready = (topology.readyAt(side.name()) - command.launchedAt()) / 1e9;
            positions.forEach((name, position) -> {
                if (commandProcessors.contains(name) != commandSide) {
                    return;
                }
                long behind = head - Math.max(0, from.getOrDefault(name, 0L));
                Double at = current.get(name);
                System.out.printf(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s |%n", side.name(), name, behind,
                        at == null ? "NOT CURRENT (at " + position + ")" : String.format(Locale.ROOT, "%.1f", at - launched),
                        at == null ? "" : String.format(Locale.ROOT, "%.1f", at - ready),
                        at == null ? "" : String.format(Locale.ROOT, "%,.0f", behind / (at - launched)));
            });
        }
        System.out.printf("every processor current after %.1f s; CPU seconds per 1,000 seeded statements from the "
                        + "launch (start-up included): %s%n",
                current.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                spent.perThousand(statements));
        System.out.printf("dead letters: %s%n", topology.deadLetters().isEmpty() ? "none" : topology.deadLetters());
        topology.deadLetterCauses().forEach(cause -> System.out.println("  " + cause));
    }
}
