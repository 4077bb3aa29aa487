package org.elearn.query.report.stream;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.elearn.query.report.projection.ReportChanges;

/**
 * The report rows that changed and that the feed has not read yet: trainee to organization, in the
 * order they first changed, and whether notifications may have been missed (a resync). Thread-safe:
 * notifications arrive on the listener's thread, reads are taken on the feed's.
 */
final class PendingRows {

    /** Rows taken for one read: trainee to organization, and whether the read is also a resync. */
    record Taken(Map<UUID, UUID> organizations, boolean resync) {
    }

    private final Map<UUID, UUID> rows = new LinkedHashMap<>();
    private boolean resync;

    /** A notification: a row changed (it keeps its place if it is already pending), or a resync. */
    synchronized void changed(ReportChanges.Change change) {
        if (change.isResync()) {
            resync = true;
        } else {
            rows.putIfAbsent(change.traineeId(), change.organizationId());
        }
    }

    /** At most {@code max} rows, those pending longest first, taken out; null if nothing is pending. */
    synchronized Taken take(int max) {
        if (rows.isEmpty() && !resync) {
            return null;
        }
        Map<UUID, UUID> taken = new HashMap<>();
        Iterator<Map.Entry<UUID, UUID>> oldest = rows.entrySet().iterator();
        while (oldest.hasNext() && taken.size() < max) {
            Map.Entry<UUID, UUID> row = oldest.next();
            taken.put(row.getKey(), row.getValue());
            oldest.remove();
        }
        Taken read = new Taken(taken, resync);
        resync = false;
        return read;
    }

    /** A read that failed: its rows are pending again (behind those pending now), and its resync. */
    synchronized void putBack(Taken taken) {
        taken.organizations().forEach(rows::putIfAbsent);
        resync |= taken.resync();
    }

    synchronized int size() {
        return rows.size();
    }
}
