package org.elearn.query.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.springboot.EventProcessorProperties;
import org.elearn.query.projection.ProcessorLayout.Processors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the processors' tokens over when the query side starts in the other processor layout than
 * the database was written with ({@link ProcessorLayout}), before any processor runs: a processor
 * of this layout that has no tokens yet starts where the slowest of the processors that hosted its
 * groups before had got to (the lower bound of their tokens), rather than from the start of the
 * history. Its projections are idempotent, so the events between a group's own position and that
 * lower bound are applied again without effect. The processors of the other layout lose their
 * tokens in the same transaction, so that switching back hands over again, and nothing reads a
 * stale position (the benchmarks wait for every processor in the token store).
 *
 * <p>When a group of the new processor has no token at all (a projection added meanwhile), or one of
 * its segments is at the start, the new processor starts from the start as well. Every instance of
 * the query side must be stopped before a switch: an instance still running the other layout keeps
 * writing the tokens this removes. Dead letters are per processing group and need nothing.
 */
record ProcessorHandover(ProcessorTopology topology, Processors layout, JdbcTemplate jdbc, TransactionTemplate tx,
                         Serializer tokenSerializer, EventProcessorProperties processors) implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ProcessorHandover.class);
    private static final int DEFAULT_SEGMENTS = 4;

    @Override
    public void afterPropertiesSet() {
        tx.executeWithoutResult(status -> handOver());
    }

    /** In the caller's transaction; one instance at a time. */
    void handOver() {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext('learning-processor-handover'))");
        Map<String, String> now = topology.assignments(layout);
        Map<String, String> before = topology.assignments(layout.other());
        Set<String> retired = new TreeSet<>(before.values());
        retired.removeAll(now.values());
        if (retired.stream().noneMatch(this::hasTokens)) {
            return; // nothing written in the other layout
        }
        for (String processor : new TreeSet<>(now.values())) {
            if (before.containsValue(processor) || hasTokens(processor)) {
                continue; // hosted the same groups before, or already has its tokens
            }
            List<String> sources = topology.groupsOf(processor, layout).stream().map(before::get).distinct().toList();
            lowerBound(sources).ifPresentOrElse(token -> {
                int segments = segments(processor);
                SerializedObject<byte[]> serialized = tokenSerializer.serialize(token, byte[].class);
                String claimed = DateTimeUtils.formatInstant(Instant.now());
                for (int segment = 0; segment < segments; segment++) {
                    jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner)"
                            + " VALUES (?, ?, ?, ?, ?, NULL)", processor, segment, serialized.getData(),
                            serialized.getType().getName(), claimed);
                }
                log.info("processor {} ({} layout) starts at position {}, where {} had got to",
                        processor, layout.name().toLowerCase(), token.position().orElse(-1), sources);
            }, () -> log.info("processor {} ({} layout) starts from the start of the history: {} had no position"
                    + " for every group it hosts", processor, layout.name().toLowerCase(), sources));
        }
        retired.forEach(processor -> jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processor));
    }

    /**
     * The lowest position over every segment of every source: empty when a source has no token (its
     * group was never handled) or a segment is at the start.
     */
    private java.util.Optional<TrackingToken> lowerBound(List<String> sources) {
        TrackingToken lowest = null;
        for (String source : sources) {
            List<TrackingToken> tokens = tokens(source);
            if (tokens.isEmpty() || tokens.contains(null)) {
                return java.util.Optional.empty();
            }
            for (TrackingToken token : tokens) {
                TrackingToken unwrapped = WrappedToken.unwrapLowerBound(token);
                if (unwrapped == null) {
                    return java.util.Optional.empty();
                }
                lowest = lowest == null ? unwrapped : lowest.lowerBound(unwrapped);
            }
        }
        return java.util.Optional.ofNullable(lowest);
    }

    private List<TrackingToken> tokens(String processor) {
        return new ArrayList<>(jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, i) -> rs.getBytes(1) == null ? null : tokenSerializer.<byte[], TrackingToken>deserialize(
                        new SimpleSerializedObject<>(rs.getBytes(1), byte[].class, rs.getString(2), null)),
                processor));
    }

    private boolean hasTokens(String processor) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM token_entry WHERE processor_name = ?)", Boolean.class, processor));
    }

    private int segments(String processor) {
        var settings = processors.getProcessors().get(processor);
        return settings == null || settings.getInitialSegmentCount() == null ? DEFAULT_SEGMENTS
                : settings.getInitialSegmentCount();
    }
}
