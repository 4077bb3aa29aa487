package org.elearn.query.projection;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.elearn.query.projection.ProcessorLayout.Processors;

/**
 * Which streaming processor hosts each processing group of the query side, in either layout
 * ({@link ProcessorLayout}). The processing groups themselves never change: each keeps its name, its
 * dead-letter queue, its data-subject sequencing policy and its error handling, whichever processor
 * hosts it (Axon registers all of these per group). Only the processors, and so the token names,
 * differ:
 * <ul>
 * <li>{@code separate}: every group is a processor of the same name.
 * <li>{@code merged}: every group but those {@link #ALONE} is hosted by one of two processors,
 *     {@value #MERGED_SEALED} for the groups whose handlers read no personal field (it reads sealed
 *     events and decrypts nothing, as their own processors do) and {@value #MERGED} for the others.
 *     One processor for all would decrypt every learning statement for the statement projections,
 *     which read none of its personal fields, only because the member projection decrypts its own
 *     events.
 * </ul>
 * A group added later merges by default; one that must keep a processor of its own joins {@link #ALONE}.
 */
public final class ProcessorTopology {

    /** The merged processor of the groups that decrypt the events they handle. */
    public static final String MERGED = "projections";
    /** The merged processor of the groups that read no personal field; it reads sealed events. */
    public static final String MERGED_SEALED = "sealed-projections";
    /**
     * Groups with a processor of their own in both layouts, and why.
     */
    public static final Map<String, String> ALONE = Map.of(
            // ProjectionRebuilds hands its shadow processor's tokens to the live processor of this
            // name at the swap; a shared processor would have every other group's tokens moved too
            "learning-report", "rebuilt alone while it keeps serving: the rebuild's swap takes over its tokens",
            // its failures are propagated, never parked: its processor stops until the erasure
            // succeeds, which in a shared processor would stop every group's segment with it
            "projection-erasure", "a failing erasure stops its processor until it succeeds, never parked");

    private final Map<String, String> merged = new TreeMap<>();

    /**
     * @param groups every processing group of the query side's handlers
     * @param sealed those whose handlers all read no personal field
     */
    public ProcessorTopology(Collection<String> groups, Collection<String> sealed) {
        groups.stream().filter(group -> !ALONE.containsKey(group))
                .forEach(group -> merged.put(group, sealed.contains(group) ? MERGED_SEALED : MERGED));
    }

    /** The processor hosting each group that the layouts place differently (the groups not {@link #ALONE}). */
    public Map<String, String> assignments(Processors layout) {
        Map<String, String> assignments = new TreeMap<>();
        merged.forEach((group, processor) -> assignments.put(group, layout == Processors.MERGED ? processor : group));
        return assignments;
    }

    /** The processor hosting {@code group} in {@code layout}. */
    public String processorOf(String group, Processors layout) {
        return assignments(layout).getOrDefault(group, group);
    }

    /** The merged processors that host at least one group, each with whether it reads sealed events. */
    public Map<String, Boolean> mergedProcessors() {
        Map<String, Boolean> processors = new TreeMap<>();
        merged.values().forEach(processor -> processors.put(processor, processor.equals(MERGED_SEALED)));
        return processors;
    }

    /** The groups {@code processor} hosts in {@code layout}, among those the layouts place differently. */
    Set<String> groupsOf(String processor, Processors layout) {
        Set<String> groups = new TreeSet<>();
        assignments(layout).forEach((group, host) -> {
            if (host.equals(processor)) {
                groups.add(group);
            }
        });
        return groups;
    }
}
