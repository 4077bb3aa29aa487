package org.elearn.support.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The erasures in the {@link ErasureLog} that the database does not hold as they were carried out:
 * what a restore of a backup taken before them leaves. Blocking: runs at start, before readiness.
 *
 * @param unfenced erasures with no fence row in the database: the command side carries them out
 *                 again, the query side deletes the subjects' rows at once
 * @param fencedAgain erasures whose fence is not the one their first line in the log was written
 *                    with (the fence is stamped with its transaction's time, which the line holds):
 *                    carried out again after a restore, by a command side that started first; the
 *                    query side deletes the subjects' rows at once rather than when its processor
 *                    reaches the erasure event appended again
 */
public record RestoredErasures(List<ErasureLog.Entry> unfenced, List<ErasureLog.Entry> fencedAgain) {

    private static final int CHUNK = 10_000;

    public static RestoredErasures compare(ErasureLog log, JdbcTemplate jdbc) {
        List<ErasureLog.Entry> logged = List.copyOf(log.read().values());
        List<ErasureLog.Entry> unfenced = new ArrayList<>();
        List<ErasureLog.Entry> fencedAgain = new ArrayList<>();
        for (int from = 0; from < logged.size(); from += CHUNK) {
            List<ErasureLog.Entry> chunk = logged.subList(from, Math.min(logged.size(), from + CHUNK));
            Map<String, Instant> fenced = new HashMap<>();
            jdbc.query("SELECT subject_id, erased_at FROM data_subject_erasure WHERE subject_id = ANY(?)",
                    rs -> {
                        fenced.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                    },
                    (Object) chunk.stream().map(e -> e.subjectId().toString()).toArray(String[]::new));
            for (ErasureLog.Entry entry : chunk) {
                Instant fence = fenced.get(entry.subjectId().toString());
                if (fence == null) {
                    unfenced.add(entry);
                } else if (!fence.equals(entry.erasedAt())) {
                    fencedAgain.add(entry);
                }
            }
        }
        return new RestoredErasures(List.copyOf(unfenced), List.copyOf(fencedAgain));
    }

    /**
     * The erasure fences in the database that the log does not list: erasures carried out before
     * the log existed, or while it could not be written. Copied into the log, they survive a
     * restore like the others. Fences of subjects that are not UUIDs (none are made today) are left
     * out. The organization is not on the fence: {@code organizationOf} tells it where it is known.
     */
    public static List<ErasureLog.Entry> unlogged(ErasureLog log, JdbcTemplate jdbc,
            java.util.function.Function<UUID, UUID> organizationOf) {
        java.util.Set<UUID> logged = log.read().keySet();
        List<ErasureLog.Entry> unlogged = new ArrayList<>();
        jdbc.query("SELECT subject_id, erased_at FROM data_subject_erasure ORDER BY erased_at", rs -> {
            UUID subject = uuidOrNull(rs.getString(1));
            if (subject != null && !logged.contains(subject)) {
                unlogged.add(new ErasureLog.Entry(subject, null, rs.getTimestamp(2).toInstant()));
            }
        });
        return unlogged.stream()
                .map(e -> new ErasureLog.Entry(e.subjectId(), organizationOf.apply(e.subjectId()), e.erasedAt()))
                .toList();
    }

    private static UUID uuidOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    /** Both lists, for the query side, which deletes rows for either. */
    public List<ErasureLog.Entry> all() {
        List<ErasureLog.Entry> all = new ArrayList<>(unfenced);
        all.addAll(fencedAgain);
        return all;
    }

}
